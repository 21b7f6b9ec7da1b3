using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Entry.Server.Features.Reports;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Monitoring;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Entry.Server.Tests.Reports.ReportWorld;

namespace Entry.Server.Tests.Reports;

/// <summary>The report as XLSX and CSV: the same figures as the JSON report, and the district Monitor's scope in each.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class ReportFileTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private static string Query(string? district = null) =>
        $"?date={Day2:yyyy-MM-dd}&previous={Day1:yyyy-MM-dd}" + (district is null ? "" : $"&district={district}");

    [Fact]
    public async Task The_xlsx_holds_a_title_the_headers_and_the_figures_as_numbers()
    {
        var report = (await world.Admin.GetFromJsonAsync<ProgressReport>("/api/reports/progress" + Query("688")))!;

        var response = await world.Admin.GetAsync("/api/reports/progress.xlsx" + Query("688"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportFiles.XlsxType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("bao-cao-tien-do-688-2026-11-24.xlsx", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var rows = await SheetAsync(response);
        var sheetXml = await SheetXmlAsync(response);
        Assert.Contains("ySplit=\"6\"", sheetXml); // the heading, the title and the headers stay in view
        Assert.Contains("customWidth=\"1\"", sheetXml);
        Assert.StartsWith("BÁO CÁO TIẾN ĐỘ NHẬP DỮ LIỆU HỘ TỊCH", (string)rows[0]["A"]!);
        Assert.Contains("ngày 24/11/2026", (string)rows[0]["A"]!);
        Assert.Contains("so với ngày 23/11/2026", (string)rows[0]["A"]!);
        Assert.Contains("chỉ tiêu 80%", (string)rows[0]["A"]!);
        Assert.Equal(ReportFiles.Headers, new[] { "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K" }.Select(c => (string)rows[1][c]!));
        var lines = rows.Skip(2).ToList();
        Assert.Equal(report.Rows.Count + 1, lines.Count);
        foreach (var (line, row) in lines.Zip(report.Rows.Append(report.Total)))
        {
            Assert.Equal(row.UnitName, line["B"]);
            Assert.Equal((double)row.Total, Assert.IsType<double>(line["C"]));
            Assert.Equal((double)row.Entered, Assert.IsType<double>(line["D"]));
            Assert.Equal((double)row.Skipped, Assert.IsType<double>(line["E"]));
            Assert.Equal(row.Percent, Assert.IsType<double>(line["F"]), 3);
            Assert.Equal(ReportRules.ChangeText(row.Change), line["G"]);
            Assert.Equal(ReportRules.ResultText(row.Met), line["H"]);
        }
        Assert.Equal(1.0, Assert.IsType<double>(lines[0]["A"]));
        Assert.Equal("Giảm 2,5%", lines.Single(l => (string)l["B"]! == "Phường Thác Mơ")["G"]);
        Assert.Equal(ProgressReportBuilder.TotalName, lines[^1]["B"]);
    }

    [Fact]
    public async Task The_csv_starts_with_a_bom_and_keeps_vietnamese_names_and_the_vi_VN_decimal_comma()
    {
        var response = await world.Admin.GetAsync("/api/reports/progress.csv" + Query("688"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("bao-cao-tien-do-688-2026-11-24.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Csv(bytes);
        Assert.Equal(ReportFiles.Headers, lines[0]);
        Assert.Equal(["1", "Phường Thác Mơ", "60", "3", "0", "5", "Giảm 2,5%", "Không đạt", "0", "", ""], lines[1]);
        Assert.Equal(["2", "Phường Long Thủy", "40", "4", "1", "12,5", "Tăng 7,5%", "Không đạt", "0", "", ""], lines[2]);
        Assert.Equal(["", ProgressReportBuilder.TotalName, "100", "7", "1", "8", "Tăng 1,7%", "Không đạt", "0", "", ""], lines[3]);
    }

    [Fact]
    public async Task A_district_monitor_gets_only_their_district_in_every_format_and_another_district_is_refused()
    {
        var json = (await world.DistrictMonitor.GetFromJsonAsync<ProgressReport>("/api/reports/progress" + Query()))!;
        var xlsx = await SheetAsync(await world.DistrictMonitor.GetAsync("/api/reports/progress.xlsx" + Query()));
        var csv = Csv(await world.DistrictMonitor.GetByteArrayAsync("/api/reports/progress.csv" + Query()));
        var own = await world.DistrictMonitor.GetAsync("/api/reports/progress" + Query("689"));

        Assert.Equal("district:689", json.Scope);
        Assert.Equal(["689", TanPhu], json.Rows.Select(r => r.UnitCode));
        Assert.Equal(json.Rows.Select(r => r.UnitName).Append(ProgressReportBuilder.TotalName), xlsx.Skip(2).Select(l => (string)l["B"]!));
        Assert.Equal(json.Rows.Select(r => r.UnitName).Append(ProgressReportBuilder.TotalName), csv.Skip(1).Select(l => l[1]));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        foreach (var path in new[] { "/api/reports/progress", "/api/reports/progress.xlsx", "/api/reports/progress.csv" })
        {
            var other = await world.DistrictMonitor.GetAsync(path + Query("688"));
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Equal(["district"], (await Teams.TeamSetup.ProblemAsync(other)).Fields);
        }
        var province = (await world.ProvinceMonitor.GetFromJsonAsync<ProgressReport>("/api/reports/progress" + Query()))!;
        Assert.Equal(["70", "688", "689"], province.Rows.Select(r => r.UnitCode));
    }

    [Fact]
    public async Task A_unit_name_that_starts_like_a_formula_is_written_as_escaped_text_in_the_xlsx_and_the_csv()
    {
        var names = await world.Factory.WithDbAsync(db => db.Units.Where(u => u.Code == ThacMo || u.Code == LongThuy).ToDictionaryAsync(u => u.Code, u => u.Name));
        await RenameAsync(ThacMo, "=HYPERLINK(\"http://evil\";\"x\")");
        await RenameAsync(LongThuy, "@SUM(1+1)");
        try
        {
            var xlsx = await world.Admin.GetAsync("/api/reports/progress.xlsx" + Query("688"));
            var rows = await SheetAsync(xlsx);
            var sheetXml = await SheetXmlAsync(xlsx);
            var csv = Csv(await world.Admin.GetByteArrayAsync("/api/reports/progress.csv" + Query("688")));

            Assert.DoesNotContain("<x:f>", sheetXml);
            Assert.DoesNotContain("<f>", sheetXml);
            Assert.Equal(["'=HYPERLINK(\"http://evil\";\"x\")", "'@SUM(1+1)"], rows.Skip(2).Take(2).Select(r => (string)r["B"]!));
            Assert.Equal(["'=HYPERLINK(\"http://evil\";\"x\")", "'@SUM(1+1)"], csv.Skip(1).Take(2).Select(l => l[1]));
            Assert.Equal((double)3, Assert.IsType<double>(rows[2]["D"])); // the figures stay numbers
        }
        finally
        {
            await RenameAsync(ThacMo, names[ThacMo]);
            await RenameAsync(LongThuy, names[LongThuy]);
        }
    }

    private Task<int> RenameAsync(string unitCode, string name) =>
        world.Factory.WithDbAsync(db => db.Units.Where(u => u.Code == unitCode).ExecuteUpdateAsync(u => u.SetProperty(x => x.Name, name)));

    [Fact]
    public async Task The_xlsx_carries_the_official_heading_and_a_place_to_sign()
    {
        var rows = await WholeSheetAsync(await world.Admin.GetAsync("/api/reports/progress.xlsx" + Query("688")));

        Assert.Equal(("UBND TỈNH BÌNH PHƯỚC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ((string)rows[0]["B"]!, (string)rows[0]["E"]!));
        Assert.Equal(("SỞ TƯ PHÁP", "Độc lập - Tự do - Hạnh phúc"), ((string)rows[1]["B"]!, (string)rows[1]["E"]!));
        Assert.Equal(("Số:      /BC-STP", "Bình Phước, ngày 24 tháng 11 năm 2026"), ((string)rows[2]["B"]!, (string)rows[2]["E"]!));
        Assert.StartsWith("BÁO CÁO TIẾN ĐỘ", (string)rows[HeadingRows]["A"]!);
        Assert.Equal("GIÁM ĐỐC", rows[^3]["E"]);
        Assert.Equal("(Ký, ghi rõ họ tên và đóng dấu)", rows[^2]["E"]);
    }

    /// <summary>The heading's lines above the title, and the signature's below the total.</summary>
    private const int HeadingRows = 4, SignatureRows = 4;

    /// <summary>The title, the headers and the table: the sheet without its heading and signature.</summary>
    private static async Task<List<IDictionary<string, object?>>> SheetAsync(HttpResponseMessage response) =>
        (await WholeSheetAsync(response)).Skip(HeadingRows).SkipLast(SignatureRows).ToList();

    private static async Task<List<IDictionary<string, object?>>> WholeSheetAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
    }

    private static async Task<string> SheetXmlAsync(HttpResponseMessage response)
    {
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return await reader.ReadToEndAsync();
    }

    private static List<string[]> Csv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.GetCultureInfo("vi-VN")) { Delimiter = ";" });
        var lines = new List<string[]>();
        while (csv.Read())
        {
            lines.Add(csv.Record!);
        }
        return lines;
    }
}
