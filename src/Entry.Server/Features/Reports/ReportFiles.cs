using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Entry.Server.Features.Spreadsheets;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Entry.Server.Features.Reports;

/// <summary>
/// The report as files. XLSX: a title line, the header, one line per unit and the total, figures as numbers.
/// CSV for Excel in vi-VN: UTF-8 with a BOM (Vietnamese intact), ';' between fields (the vi-VN list separator, since
/// the comma is its decimal mark), the percentage as a vi-VN number ("12,5", under "Tỷ lệ (%)"), counts without grouping.
/// Every text cell (unit names come from the reference units file) goes through <see cref="SpreadsheetText"/>.
/// </summary>
public static class ReportFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv; charset=utf-8";
    public const string SheetName = "Báo cáo";

    public static readonly string[] Headers =
        ["STT", "Đơn vị", "Tổng số trường hợp", "Đã nhập", "Bỏ trống (số thứ tự không có)", "Tỷ lệ (%)", "So với kỳ trước", "Kết quả",
         "Số trường đã kiểm tra", "Lỗi / 1.000 trường", "Độ chính xác ước tính (%)"];

    private static readonly string[] Columns = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"];
    private static readonly double[] Widths = [6, 44, 20, 14, 30, 12, 18, 12, 16, 14, 18];
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary><c>bao-cao-tien-do-2026-11-23.xlsx</c>; a district's report carries its code: <c>bao-cao-tien-do-689-2026-11-23.csv</c>.</summary>
    public static string FileName(ProgressReport report, string extension)
    {
        var district = ScopeKey.TryParse(report.Scope) is { Kind: ScopeKind.District, Code: { } code } ? code + "-" : "";
        return $"bao-cao-tien-do-{district}{report.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";
    }

    public static string Title(ProgressReport report)
    {
        var title = new StringBuilder($"BÁO CÁO TIẾN ĐỘ NHẬP DỮ LIỆU HỘ TỊCH — {report.ScopeName} — ngày {Day(report.Date)}");
        if (report.Live)
        {
            title.Append(" (số liệu tạm tính, chưa chốt cuối ngày)");
        }
        if (report.PreviousDate is { } previous)
        {
            title.Append($", so với ngày {Day(previous)}");
        }
        title.Append($", chỉ tiêu {ReportRules.PercentText((double)report.TargetPercent)}");
        return title.ToString();
    }

    public static byte[] Xlsx(ProgressReport report)
    {
        var heading = HeadingLines(report);
        var sheet = new List<Dictionary<string, object?>>(heading)
        {
            Line(Title(report)),
            Columns.Zip(Headers).ToDictionary(c => c.First, c => (object?)SpreadsheetText.Cell(c.Second)),
        };
        sheet.AddRange(report.Rows.Select(r => Line(r.No, r)));
        sheet.Add(Line(null, report.Total));
        sheet.AddRange(SignatureLines(report));

        var configuration = new OpenXmlConfiguration
        {
            AutoFilter = false,
            TableStyles = TableStyles.None,
            FreezeRowCount = heading.Count + 2,
            DynamicColumns = Columns.Zip(Widths).Select(c => new DynamicExcelColumn(c.First) { Width = c.Second }).ToArray(),
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, printHeader: false, sheetName: SheetName, excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }

    public static byte[] Csv(ProgressReport report)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(Vi) { Delimiter = ";" }))
        {
            foreach (var header in Headers)
            {
                csv.WriteField(SpreadsheetText.Cell(header));
            }
            csv.NextRecord();
            foreach (var row in report.Rows.Append(report.Total))
            {
                csv.WriteField(row.No == 0 ? "" : row.No.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(SpreadsheetText.Cell(row.UnitName));
                csv.WriteField(row.Total.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Entered.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Skipped.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Percent.ToString("0.#", Vi));
                csv.WriteField(SpreadsheetText.Cell(ReportRules.ChangeText(row.Change)));
                csv.WriteField(SpreadsheetText.Cell(ReportRules.ResultText(row.Met)));
                csv.WriteField((row.Quality?.FieldsCompared ?? 0).ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Quality is { FieldsCompared: > 0 } q ? q.ErrorsPerThousand.ToString("0.##", Vi) : "");
                csv.WriteField(row.Quality?.Accuracy is { } accuracy ? (accuracy * 100).ToString("0.##", Vi) : "");
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    /// <summary>Official heading: the issuing body on the left, the national motto on the right, the number and the place-date line, as the province's reports start.</summary>
    public static List<Dictionary<string, object?>> HeadingLines(ProgressReport report)
    {
        if (report.Heading is not { } h)
        {
            return [];
        }
        return
        [
            Pair(h.Authority, Motto[0]),
            Pair(h.Office, Motto[1]),
            Pair($"Số:      /{h.NumberSymbol}", PlaceDate(h.Place, report.Date)),
            Pair(null, null),
        ];
    }

    /// <summary>After the table: the signer's title, the note to sign and seal, and the signer's name if configured.</summary>
    private static List<Dictionary<string, object?>> SignatureLines(ProgressReport report) => report.Heading is not { } h ? [] :
    [
        Pair(null, null),
        Pair("Nơi nhận:", h.SignerTitle),
        Pair("- Như trên;", "(Ký, ghi rõ họ tên và đóng dấu)"),
        Pair("- Lưu: VT.", h.SignerName),
    ];

    public static readonly string[] Motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"];

    /// <summary><c>Bình Phước, ngày 24 tháng 11 năm 2026</c>.</summary>
    public static string PlaceDate(string place, DateOnly date) =>
        $"{place}, ngày {date.Day:00} tháng {date.Month:00} năm {date.Year}";

    private static Dictionary<string, object?> Pair(string? left, string? right) =>
        Columns.ToDictionary(c => c, c => c switch
        {
            "B" => left is null ? null : (object?)SpreadsheetText.Cell(left),
            "E" => right is null ? null : SpreadsheetText.Cell(right),
            _ => null,
        });

    private static Dictionary<string, object?> Line(string title) =>
        Columns.ToDictionary(c => c, c => c == "A" ? (object?)SpreadsheetText.Cell(title) : null);

    private static Dictionary<string, object?> Line(int? no, ProgressReportRow row) => new()
    {
        ["A"] = no,
        ["B"] = SpreadsheetText.Cell(row.UnitName),
        ["C"] = row.Total,
        ["D"] = row.Entered,
        ["E"] = row.Skipped,
        ["F"] = row.Percent,
        ["G"] = SpreadsheetText.Cell(ReportRules.ChangeText(row.Change)),
        ["H"] = SpreadsheetText.Cell(ReportRules.ResultText(row.Met)),
        ["I"] = row.Quality?.FieldsCompared ?? 0,
        ["J"] = row.Quality is { FieldsCompared: > 0 } q ? q.ErrorsPerThousand : null,
        ["K"] = row.Quality?.Accuracy is { } accuracy ? Math.Round(accuracy * 100, 2) : null,
    };

    private static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
