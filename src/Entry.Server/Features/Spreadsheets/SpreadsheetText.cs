namespace Entry.Server.Features.Spreadsheets;

/// <summary>
/// Every text cell Entry writes into a CSV or an XLSX goes through <see cref="Cell"/> (OWASP, "CSV Injection"):
/// a cell starting with '=', '+', '-', '@', a tab or a carriage return gets a leading single quote, so a spreadsheet
/// shows it as text instead of running it as a formula. The CSV writer (CsvHelper) quotes the cells that hold the
/// separator, a quote or a line break. Numbers and dates are not text cells and are written as they are, so a
/// negative number stays a number and an export still imports as it is.
/// </summary>
public static class SpreadsheetText
{
    public static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : IsFormulaStart(text[0]) ? "'" + text : text;

    public static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
