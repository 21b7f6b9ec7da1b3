using System.Text;
using Entry.Shared.Books;

namespace Entry.Client.Components.Admin;

/// <summary>
/// The rejected rows of an import as a CSV the Admin opens in Excel: UTF-8 with a BOM, ';' between fields (what Excel
/// set to Vietnamese expects, as the report's CSV). Every text cell that would start like a formula (= + - @, a tab, a
/// carriage return) gets a leading ' — reasons quote the file's own cells, so they are the file's content.
/// </summary>
public static class RejectedRowsCsv
{
    public static byte[] Build(IEnumerable<ImportRowMessage> rows, string lineHeader, string codeHeader, string reasonHeader)
    {
        var text = new StringBuilder();
        Line(text, lineHeader, codeHeader, reasonHeader);
        foreach (var row in rows)
        {
            Line(text, row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), row.BookCode ?? "", row.Reason);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>A data: address for a download link, so the file needs no round trip and no script.</summary>
    public static string DataUri(byte[] csv) => "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String(csv);

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([';', '"', '\n', '\r', ',']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static void Line(StringBuilder text, params string[] cells) => text.Append(string.Join(';', cells.Select(Cell))).Append("\r\n");
}
