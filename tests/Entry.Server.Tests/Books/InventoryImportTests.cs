using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Entry.Server.Tests.Support;
using Entry.Shared.Books;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Books;

public sealed class InventoryImportTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Import_answers_every_bad_row_with_its_line_and_reason_and_stores_only_the_good_ones()
    {
        var admin = await factory.AdminAsync();
        var p = Unique("MIX");
        var csv = string.Join("\n",
            Csv.Header,
            $"{p}-good1,25216,birth,1,1995-01-01,1995-12-31,120,good",                 // 2 ok
            $"{p}-unit,99999,birth,1,1995-01-01,1995-12-31,120,good",                  // 3 unknown unit
            $"{p}-type,25216,baptism,1,1995-01-01,1995-12-31,120,good",                // 4 unknown type
            $"{p}-nodate,25216,death,1,,1995-12-31,120,good",                          // 5 missing date
            $"{p}-baddate,25216,death,1,1995-02-30,1995-12-31,120,good",               // 6 malformed date
            $"{p}-after,25216,marriage,1,2019-04-01,2019-12-31,120,good",              // 7 on/after the cut-off
            $"{p}-order,25216,marriage,1,1995-06-01,1995-01-01,120,good",              // 8 to before from
            $"{p}-nan,25216,birth,2,1995-01-01,1995-12-31,lots,good",                  // 9 non-numeric count
            $"{p}-zero,25216,birth,3,1995-01-01,1995-12-31,0,good",                    // 10 non-positive count
            $"{p}-huge,25216,birth,4,1995-01-01,1995-12-31,5001,good",                 // 11 absurd count
            $"{p}-good1,25216,birth,5,1996-01-01,1996-12-31,80,worn",                  // 12 duplicate in the file
            $"{p}-cond,25216,birth,6,1995-01-01,1995-12-31,120,wet",                   // 13 unknown condition
            $"{p}-cols,25216,birth,7,1995-01-01,1995-12-31,120",                       // 14 wrong column count
            $"{p}-span,25216,death,1,2018-06-01,2019-09-30,60,damaged",                // 15 ok with a warning
            $"{p}-good2,25216,adoption,1,1980-01-01,1989-12-31,15,worn") + "\n";

        var response = await admin.PostAsync("/api/books/import", Csv.Raw(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        Assert.Equal(3, result.Accepted);
        var reasons = result.Rejected.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], reasons.Keys.Order().ToArray());
        Assert.Contains("unknown unit_code '99999'", reasons[3]);
        Assert.Contains("unknown type 'baptism'", reasons[4]);
        Assert.Contains("registered_from is missing", reasons[5]);
        Assert.Contains("registered_from '1995-02-30' is not a valid date", reasons[6]);
        Assert.Contains("on or after 01/04/2019", reasons[7]);
        Assert.Contains("registered_to 01/01/1995 is before registered_from 01/06/1995", reasons[8]);
        Assert.Contains("case_count 'lots' is not a whole number", reasons[9]);
        Assert.Contains("case_count 0 must be positive", reasons[10]);
        Assert.Contains("case_count 5001 is absurd", reasons[11]);
        Assert.Contains("duplicate book_code: already on line 2", reasons[12]);
        Assert.Contains("unknown condition 'wet'", reasons[13]);
        Assert.Contains("expected 8 columns, found 7", reasons[14]);
        Assert.Equal($"{p}-unit", result.Rejected.Single(r => r.Line == 3).BookCode);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(15, warning.Line);
        Assert.Equal($"{p}-span", warning.BookCode);
        Assert.Contains("spans the 01/04/2019 cut-off", warning.Reason);

        var stored = await factory.WithDbAsync(db => db.Books.WithCodeStarting(p).OrderBy(b => b.Code).Select(b => b.Code).ToListAsync());
        Assert.Equal([$"{p}-good1", $"{p}-good2", $"{p}-span"], stored);
    }

    [Fact]
    public async Task Import_reads_a_BOM_quoted_fields_surrounding_spaces_and_Vietnamese_type_names()
    {
        var admin = await factory.AdminAsync();
        var p = Unique("VN");
        var csv = "\uFEFF" + Csv.Header + "\r\n"
            + $"  {p}-ks , 25216 , khai-sinh , 1 , 1990-01-01 , 1990-12-31 , 40 , good \r\n"
            + $"\"{p}-kh\",\"25217\",\"ket-hon\",\"2\",\"1991-01-01\",\"1991-12-31\",\"30\",\"worn\"\r\n"
            + $"{p}-kt,25219,KHAI-TU,3,1992-01-01,1992-12-31,20,damaged\r\n"
            + $"{p}-ncn,25220,nuoi-con-nuoi,4,1993-01-01,1993-12-31,5,good\r\n";

        var response = await admin.PostAsync("/api/books/import", new ByteArrayContent(Encoding.UTF8.GetBytes(csv))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("text/csv") },
        });

        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        Assert.Empty(result.Rejected);
        Assert.Equal(4, result.Accepted);
        var types = await factory.WithDbAsync(db => db.Books.WithCodeStarting(p).OrderBy(b => b.Type).Select(b => new { b.Code, b.Type, b.UnitCode }).ToListAsync());
        Assert.Equal([BookType.Birth, BookType.Marriage, BookType.Death, BookType.Adoption], types.Select(t => t.Type));
        Assert.Equal($"{p}-ks", types[0].Code);
        Assert.Equal("25216", types[0].UnitCode);
    }

    [Fact]
    public async Task Import_rejects_a_book_code_already_in_the_inventory()
    {
        var admin = await factory.AdminAsync();
        var code = Unique("DUP");
        var row = $"{code},25216,birth,1,1990-01-01,1990-12-31,40,good";
        Assert.Equal(1, (await (await admin.PostAsync("/api/books/import", Csv.Body(row))).Content.ReadFromJsonAsync<ImportResult>())!.Accepted);

        var again = (await (await admin.PostAsync("/api/books/import", Csv.Body(row))).Content.ReadFromJsonAsync<ImportResult>())!;

        Assert.Equal(0, again.Accepted);
        Assert.Equal("book_code is already in the inventory", Assert.Single(again.Rejected).Reason);
    }

    [Fact]
    public async Task Import_takes_a_multipart_file()
    {
        var admin = await factory.AdminAsync();
        var code = Unique("FORM");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"{Csv.Header}\n{code},688,death,1,1970-01-01,1974-12-31,300,worn\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "inventory.csv");

        var result = (await (await admin.PostAsync("/api/books/import", form)).Content.ReadFromJsonAsync<ImportResult>())!;

        Assert.Equal(1, result.Accepted);
        Assert.True(await factory.WithDbAsync(db => db.Books.AnyAsync(b => b.Code == code)));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("code,unit\nX,1\n", "line 1 must be the header")]
    public async Task Import_of_a_file_without_its_header_is_a_problem_naming_the_file(string body, string reason)
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync("/api/books/import", Csv.Raw(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.Contains(reason, Assert.Single(problem.Errors["file"]));
    }

    [Fact]
    public async Task Import_of_a_file_that_is_not_UTF8_is_a_problem()
    {
        var admin = await factory.AdminAsync();
        var latin1 = Encoding.Latin1.GetBytes($"{Csv.Header}\nLATIN-\u00e9,25216,birth,1,1990-01-01,1990-12-31,40,good\n");

        var response = await admin.PostAsync("/api/books/import", new ByteArrayContent(latin1) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.Contains("neither UTF-8 text nor an XLSX workbook", problem.Errors["file"][0]);
    }

    [Fact]
    public async Task Import_of_another_content_type_is_415_with_a_problem()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/books/import", new { books = 1 });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("text/csv", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task Import_that_fails_while_storing_leaves_nothing_half_written()
    {
        var admin = await factory.AdminAsync();
        var p = Unique("ROLLBACK");
        // A real failure inside the insert: the database aborts on the third row, after two rows went in.
        // DDL takes no parameters; the code is a GUID prefix made by this test.
#pragma warning disable EF1002
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgreSql
            ? $"CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.\"Code\" = '{p}-3' THEN " +
              "RAISE EXCEPTION 'disk says no'; END IF; RETURN NEW; END $$; " +
              "CREATE TRIGGER poison BEFORE INSERT ON \"Books\" FOR EACH ROW EXECUTE FUNCTION poison();"
            : $"CREATE TRIGGER poison BEFORE INSERT ON Books WHEN NEW.Code = '{p}-3' BEGIN SELECT RAISE(ABORT, 'disk says no'); END;"));
#pragma warning restore EF1002
        try
        {
            var response = await admin.PostAsync("/api/books/import", Csv.Body(
                $"{p}-1,25216,birth,1,1990-01-01,1990-12-31,40,good",
                $"{p}-2,25216,birth,2,1991-01-01,1991-12-31,40,good",
                $"{p}-3,25216,birth,3,1992-01-01,1992-12-31,40,good",
                $"{p}-4,25216,birth,4,1993-01-01,1993-12-31,40,good"));

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("nothing was imported", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
            Assert.Equal(0, await factory.WithDbAsync(db => db.Books.WithCodeStarting(p).CountAsync()));
        }
        finally
        {
            await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                TestDatabase.IsPostgreSql ? "DROP TRIGGER poison ON \"Books\"; DROP FUNCTION poison();" : "DROP TRIGGER poison;"));
        }
    }

    [Fact]
    public async Task Import_reports_the_line_a_row_starts_on_when_a_quoted_field_spans_lines()
    {
        var admin = await factory.AdminAsync();
        var p = Unique("ML");
        var csv = $"{Csv.Header}\n\"{p}\nsplit\",25216,birth,1,1990-01-01,1990-12-31,40,good\n{p}-bad,25216,birth,1,1990-01-01,1990-12-31,40,mouldy\n";

        var result = (await (await admin.PostAsync("/api/books/import", Csv.Raw(csv))).Content.ReadFromJsonAsync<ImportResult>())!;

        Assert.Equal([2, 4], result.Rejected.Select(r => r.Line));
        Assert.Contains("control character", result.Rejected[0].Reason);
    }
}
