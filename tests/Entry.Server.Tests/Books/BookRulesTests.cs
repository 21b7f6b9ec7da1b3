using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Entry.Server.Data;
using Entry.Server.Features.Books;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Books;

/// <summary>The inventory and the entry of cases share one set of rules: dates, book codes, volume labels; and what the export writes.</summary>
public sealed class BookRulesTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<ImportResult> ImportAsync(params string[] rows)
    {
        var admin = await factory.AdminAsync();
        var response = await admin.PostAsync("/api/books/import", Csv.Body(rows));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportResult>())!;
    }

    [Fact]
    public async Task A_book_starting_before_1850_is_refused_as_entry_refuses_its_cases()
    {
        var p = Unique("OLD");

        var result = await ImportAsync(
            $"{p}-0001,25216,birth,1,0001-01-01,1990-12-31,40,good",
            $"{p}-1849,25216,birth,1,1849-12-31,1850-12-31,40,good",
            $"{p}-1850,25216,birth,1,1850-01-01,1850-12-31,40,good");

        Assert.Equal(1, result.Accepted);
        Assert.Equal([2, 3], result.Rejected.Select(r => r.Line));
        Assert.All(result.Rejected, r => Assert.Contains("is before 01/01/1850", r.Reason));
        Assert.Equal([$"{p}-1850"], await factory.WithDbAsync(db => db.Books.WithCodeStarting(p).Select(b => b.Code).ToListAsync()));
    }

    [Fact]
    public async Task A_code_differing_only_in_letter_case_is_a_duplicate_in_the_file_and_against_the_inventory()
    {
        var p = Unique("ks");
        var first = await ImportAsync($"{p.ToUpperInvariant()}-1970-01,25216,birth,1,1970-01-01,1970-12-31,40,good",
            $"{p}-1970-01,25216,birth,1,1971-01-01,1971-12-31,40,good");
        var again = await ImportAsync($"{p}-1970-01,25216,birth,2,1972-01-01,1972-12-31,40,good");

        Assert.Equal(1, first.Accepted);
        Assert.Contains("duplicate book_code: already on line 2", Assert.Single(first.Rejected).Reason);
        Assert.Equal(0, again.Accepted);
        Assert.Contains("already in the inventory in another letter case", Assert.Single(again.Rejected).Reason);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Books.CountAsync(b => b.Code == $"{p}-1970-01")));
        // The database holds the rule too: a second letter case cannot be stored by any path.
        var direct = await Assert.ThrowsAsync<DbUpdateException>(() => factory.WithDbAsync(async db =>
        {
            db.Books.Add(new Book
            {
                Code = $"{p}-1970-01", UnitCode = "25216", Type = BookType.Birth, Volume = "3", RegisteredFrom = new(1973, 1, 1),
                RegisteredTo = new(1973, 12, 31), CaseCount = 1, Condition = BookCondition.Good,
            });
            return await db.SaveChangesAsync();
        }));
        Assert.True(DbErrors.IsUniqueViolation(direct), direct.InnerException?.Message);
    }

    public static TheoryData<string> BadCodes => new()
    {
        ".", "..", "a/b", "a\\b", "a?b", "a#b", "a%2Fb", "a b", "a;b", "a,b".Replace(",", "\u00A0"), "Sổ-1", "a\u0001b", "a\u200Bb",
        "-1", "_a", "a.", ".a", "=1+1", "+1", "@SUM(A1)", "=HYPERLINK(\"http://x\";\"y\")", new string('A', 65),
    };

    [Theory]
    [MemberData(nameof(BadCodes))]
    public async Task A_code_that_is_not_safe_in_a_url_or_starts_like_a_formula_is_refused_at_import(string code)
    {
        var quoted = "\"" + code.Replace("\"", "\"\"") + "\"";

        var result = await ImportAsync($"{quoted},25216,birth,1,1990-01-01,1990-12-31,40,good");

        Assert.Equal(0, result.Accepted);
        var reason = Assert.Single(result.Rejected).Reason;
        Assert.Contains("book_code", reason);
        if (code.Length > 3)
        {
            Assert.DoesNotContain(code, reason);
        }
    }

    [Theory]
    [InlineData("A1", true)]
    [InlineData("KS-689-1970-01", true)]
    [InlineData("so_1.2", true)]
    [InlineData("9", true)]
    public async Task A_code_of_letters_digits_hyphens_underscores_and_inner_dots_is_accepted(string code, bool _)
    {
        var unique = code + "-" + Guid.NewGuid().ToString("N")[..8];

        var result = await ImportAsync($"{unique},25216,birth,1,1990-01-01,1990-12-31,40,good");

        Assert.Equal(1, result.Accepted);
    }

    [Theory]
    [InlineData("a%20b")]
    [InlineData("a%3Fb")]
    [InlineData("%3D1%2B1")]
    [InlineData("-x")]
    [InlineData("a.")]
    [InlineData("a%2Fb")]
    [InlineData("%E1%BB%95")]
    public async Task Every_route_taking_a_book_code_refuses_one_that_breaks_the_rule(string escaped)
    {
        var clerk = await factory.ClientAsAsync(Roles.Clerk, "rules-clerk");
        var leader = await factory.ClientAsAsync(Roles.TeamLeader, "rules-leader");

        var answers = new[]
        {
            await clerk.PostAsync($"/api/books/{escaped}/claim", null),
            await clerk.PostAsync($"/api/books/{escaped}/release", null),
            await clerk.PostAsJsonAsync($"/api/books/{escaped}/count-report", new { reportedCount = 10, note = "x" }),
            await leader.PutAsJsonAsync($"/api/teams/1/queue/{escaped}", new { position = 1 }),
        };

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            var problem = (await answer.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
            Assert.Contains("bookCode", problem.Errors.Keys);
        }
    }

    [Fact]
    public async Task A_volume_is_the_label_written_on_the_book_and_round_trips_through_the_list_and_the_export()
    {
        var admin = await factory.AdminAsync();
        var p = Unique("VOL");
        var nfd = "Quyển 1, tập 2".Normalize(NormalizationForm.FormD);

        var result = await ImportAsync(
            $"{p}-a,25216,birth,\"{nfd}\",1990-01-01,1990-12-31,40,good",
            $"{p}-b,25216,birth,01/2005,1991-01-01,1991-12-31,40,good",
            $"{p}-c,25216,birth,7,1992-01-01,1992-12-31,40,good");

        Assert.Equal(3, result.Accepted);
        var page = (await admin.GetFromJsonAsync<PagedResult<BookDto>>("/api/books?unitCode=25216&pageSize=500"))!;
        var volumes = page.Items.Where(b => b.Code.StartsWith(p)).OrderBy(b => b.Code).Select(b => b.Volume).ToList();
        Assert.Equal(["Quyển 1, tập 2", "01/2005", "7"], volumes);
        Assert.True(volumes[0].IsNormalized(NormalizationForm.FormC));

        var export = await admin.GetByteArrayAsync("/api/books/export");
        var exported = ReadCsv(export).Where(r => r[0].StartsWith(p)).OrderBy(r => r[0]).ToList();
        Assert.Equal(["Quyển 1, tập 2", "01/2005", "7"], exported.Select(r => r[3]));
        // The export imports again as it is: these rows parse, and are refused only because they are already stored.
        var again = await admin.PostAsync("/api/books/import", new ByteArrayContent(export) { Headers = { ContentType = new("text/csv") } });
        var back = (await again.Content.ReadFromJsonAsync<ImportResult>())!;
        var ours = back.Rejected.Where(r => r.BookCode!.StartsWith(p)).ToList();
        Assert.Equal(3, ours.Count);
        Assert.All(ours, r => Assert.Equal("book_code is already in the inventory", r.Reason));
    }

    public static TheoryData<string, string> BadVolumes => new()
    {
        { "\"\"", "volume is missing" },
        { "=1+1", "must not start with" },
        { "-1", "must not start with" },
        { "@A1", "must not start with" },
        { "\"+1\"", "must not start with" },
        { "1\u200B", "control or invisible" },
        { "\u3164", "control or invisible" },
        { "1\u202E2", "control or invisible" },
        { "\"1\u00072\"", "control or invisible" },
        { "\"1\n2\"", "control or invisible" },
        { "//", "a letter or a digit" },
        { new string('q', 51), "longer than 50" },
    };

    [Theory]
    [MemberData(nameof(BadVolumes))]
    public async Task A_volume_label_is_validated_as_text(string cell, string reason)
    {
        var result = await ImportAsync($"{Unique("BADVOL")},25216,birth,{cell},1990-01-01,1990-12-31,40,good");

        Assert.Equal(0, result.Accepted);
        Assert.Contains(reason, Assert.Single(result.Rejected).Reason);
    }

    [Fact]
    public async Task The_export_escapes_a_text_cell_that_starts_like_a_formula()
    {
        var admin = await factory.AdminAsync();
        var p = Guid.NewGuid().ToString("N")[..8];
        // Stored before the code rule existed (a database of an older version): the export must still not hand Excel a formula.
        var legacy = new[] { $"=HYPERLINK(\"http://evil/{p}\",\"x\")", $"+{p}", $"-{p}", $"@{p}", $"\t{p}", $"\r{p}" };
        await factory.WithDbAsync(async db =>
        {
            db.Books.AddRange(legacy.Select((code, i) => new Book
            {
                Code = code, UnitCode = "25216", Type = BookType.Death, Volume = i == 0 ? "=1+1" : "1", RegisteredFrom = new(1990, 1, 1),
                RegisteredTo = new(1990, 12, 31), CaseCount = 1, Condition = BookCondition.Good,
            }));
            return await db.SaveChangesAsync();
        });

        var rows = ReadCsv(await admin.GetByteArrayAsync("/api/books/export"));

        foreach (var code in legacy)
        {
            var row = Assert.Single(rows, r => r[0] == "'" + code);
            Assert.Equal(code == legacy[0] ? "'=1+1" : "1", row[3]);
        }
        Assert.DoesNotContain(rows, r => r.Any(cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0])));
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }
        return rows;
    }
}
