using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entry.Server.Tests.Support;
using Entry.Shared.Books;
using Entry.Shared.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Entry.Server.Tests.Books;

/// <summary>The inventory as an XLSX workbook, as an Admin keeps it: the same rules as the CSV, lines as the sheet's row numbers.</summary>
public sealed class WorkbookImportTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static byte[] Workbook(params object?[][] rows)
    {
        // Every row with the eight columns A–H (MiniExcel writes the keys of the first row); a missing cell is empty.
        var sheet = rows.Select(r => Enumerable.Range(0, 8)
            .ToDictionary(i => ((char)('A' + i)).ToString(), i => i < r.Length ? r[i] : null)).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static readonly object?[] Header = ["book_code", "unit_code", "type", "volume", "registered_from", "registered_to", "case_count", "condition"];

    [Fact]
    public async Task A_workbook_with_date_and_number_cells_is_imported_and_its_bad_rows_answered_by_row_number()
    {
        var admin = await factory.AdminAsync();
        var p = Unique("WB");
        var xlsx = Workbook(
            Header,
            [$"{p}-good", 25216, "khai-sinh", "Quyển 1", new DateTime(1995, 1, 1), new DateTime(1995, 12, 31), 84, "good"],   // row 2: dates and numbers as cells
            [$"{p}-text", "688", "death", "2", "1970-01-01", "1974-12-31", "300", "worn"],                                     // row 3: all text
            [$"{p}-unit", 99999, "birth", "1", new DateTime(1995, 1, 1), new DateTime(1995, 12, 31), 10, "good"],             // row 4: unknown unit
            [$"{p}-short", 25216, "birth", "1", new DateTime(1995, 1, 1), new DateTime(1995, 12, 31), 10]);                   // row 5: no condition

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        form.Add(file, "file", "inventory.xlsx");
        var response = await admin.PostAsync("/api/books/import", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        Assert.Equal(2, result.Accepted);
        Assert.Equal([4, 5], result.Rejected.Select(r => r.Line).ToArray());
        Assert.Contains("unknown unit_code '99999'", result.Rejected[0].Reason);
        Assert.Equal($"{p}-unit", result.Rejected[0].BookCode);
        Assert.Contains("condition is missing", result.Rejected[1].Reason);

        var good = await factory.WithDbAsync(db => db.Books.SingleAsync(b => b.Code == $"{p}-good"));
        Assert.Equal((new DateOnly(1995, 1, 1), new DateOnly(1995, 12, 31), 84, BookType.Birth, "25216"),
            (good.RegisteredFrom, good.RegisteredTo, good.CaseCount, good.Type, good.UnitCode));
        Assert.True(await factory.WithDbAsync(db => db.Books.AnyAsync(b => b.Code == $"{p}-text")));
    }

    [Fact]
    public async Task A_workbook_sent_as_the_body_counts_an_empty_row_in_its_row_numbers()
    {
        var admin = await factory.AdminAsync();
        var p = Unique("WBR");
        var xlsx = Workbook(
            Header,
            [$"{p}-a", "688", "death", "1", "1970-01-01", "1974-12-31", "30", "worn"],
            [null, null, null, null, null, null, null, null],
            [$"{p}-b", "688", "death", "1", "2020-01-01", "2020-12-31", "30", "worn"]);   // row 4: after the cut-off

        var response = await admin.PostAsync("/api/books/import", new ByteArrayContent(xlsx) { Headers = { ContentType = new MediaTypeHeaderValue(XlsxType) } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        Assert.Equal(1, result.Accepted);
        Assert.Equal(4, Assert.Single(result.Rejected).Line);
    }

    [Fact]
    public async Task A_zip_that_is_no_workbook_is_a_problem_naming_file()
    {
        var admin = await factory.AdminAsync();
        using var zipped = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipped, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("inventory.csv").Open();
            await entry.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Csv.Header + "\n"));
        }

        var response = await admin.PostAsync("/api/books/import", new ByteArrayContent(zipped.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue(XlsxType) } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.Contains("not a readable XLSX workbook", problem.Errors["file"][0]);
    }

    [Fact]
    public async Task Books_are_found_by_a_part_of_their_code_in_any_letter_case()
    {
        var admin = await factory.AdminAsync();
        var p = Unique("FIND");
        await admin.PostAsync("/api/books/import", Csv.Body(
            $"{p}-x_1,688,death,1,1970-01-01,1974-12-31,30,worn",
            $"{p}-xa1,688,death,2,1970-01-01,1974-12-31,30,worn"));

        var found = (await admin.GetFromJsonAsync<PagedResult<BookDto>>($"/api/books?code={p.ToLowerInvariant()}-X_1"))!;
        var bad = await admin.GetAsync("/api/books?code=a%25b");

        Assert.Equal([$"{p}-x_1"], found.Items.Select(b => b.Code).ToArray()); // '_' is no wildcard: -xa1 is not found
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("code", (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }
}
