using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Entry.Server.Tests.Robustness;

/// <summary>
/// A deterministic corpus of malformed requests sent to every write endpoint of the API (read from the endpoint list, so a new
/// one fails <see cref="Every_write_endpoint_has_a_sample_in_the_corpus"/> until it has a sample), each by a caller the endpoint
/// lets in (a clerk holding the book on the open shift where it needs one). Every answer is a 4xx problem, none a 5xx, and the
/// server log holds none of the personal values sent.
/// </summary>
// The fake clock is handed to Quartz, whose clock is process-wide: run apart from the other servers.
[Collection(MovedClockCollection.Name)]
public sealed class MalformedRequestCorpusTests(EntryDesk desk, ITestOutputHelper output) : IClassFixture<EntryDesk>
{
    private const int Seed = 11;

    [Fact]
    public void Every_write_endpoint_has_a_sample_in_the_corpus()
    {
        var missing = WriteEndpoints().Where(e => !CorpusSamples.Patterns.Contains(e) && !CorpusSamples.TakesNoInput.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"Give these endpoints a sample in {nameof(CorpusSamples)}: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task A_thousand_malformed_requests_answer_only_4xx_problems_and_leave_no_personal_data_in_the_log()
    {
        var world = await CorpusWorld.CreateAsync(desk);
        var samples = CorpusSamples.For(world);
        Assert.Equal(CorpusSamples.Patterns.Order(), samples.Select(s => s.Pattern).Distinct().Order());
        var probes = new CorpusBuilder(new Random(Seed)).Build(samples);
        Assert.True(probes.Count >= 1000, $"Only {probes.Count} requests in the corpus.");
        Assert.All(CorpusSamples.Patterns, p => Assert.Contains(probes, probe => probe.Pattern == p));
        await SendAllAsync(probes);
    }

    [Fact]
    public async Task Broken_multipart_uploads_to_the_inventory_import_answer_4xx_problems()
    {
        var world = await CorpusWorld.CreateAsync(desk);
        var probes = new CorpusBuilder(new Random(Seed)).Build(CorpusSamples.For(world), multipart: true);
        Assert.NotEmpty(probes);
        await SendAllAsync(probes);
    }

    private async Task SendAllAsync(List<Probe> probes)
    {
        var logStart = desk.Factory.Logs.Count;
        var failures = new List<string>();
        var started = DateTime.UtcNow;
        foreach (var probe in probes)
        {
            using var request = probe.ToRequest();
            using var response = await probe.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var body = await response.Content.ReadAsStringAsync();
            if (status is < 400 or >= 500 || mediaType != "application/problem+json" || !IsProblem(body))
            {
                failures.Add($"{probe.Pattern} [{probe.What}] → {status} {mediaType} {Shorten(body)}");
            }
        }
        output.WriteLine($"{probes.Count} requests in {(DateTime.UtcNow - started).TotalSeconds:0.0} s, {failures.Count} failures");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes.Count} answers were not a 4xx problem:\n{string.Join("\n", failures.Take(40))}");

        var log = string.Join("\n", desk.Factory.Logs.Skip(logStart));
        var leaked = CorpusSamples.PersonalMarkers.Where(m => log.Contains(m, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaked.Count == 0, $"The log holds personal values of the corpus: {string.Join(", ", leaked)}");
    }

    private static bool IsProblem(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number
                && json.RootElement.TryGetProperty("title", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private List<string> WriteEndpoints() =>
        desk.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true && e.RoutePattern.RawText != "/api/{**path}")
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Distinct()
            .ToList();
}

/// <summary>The callers and the stored things (a case, a flagged case, a pending count report) the samples point at.</summary>
internal sealed record CorpusWorld(
    HttpClient Anonymous, HttpClient Admin, HttpClient Leader, HttpClient BirthClerk, HttpClient MarriageClerk, HttpClient DeathClerk,
    HttpClient AdoptionClerk, HttpClient IdleClerk, int TeamId, CaseEntryRequest StoredCase, CaseEntryRequest FlaggedCase, long CountReportId)
{
    public static async Task<CorpusWorld> CreateAsync(EntryDesk desk)
    {
        var admin = await desk.Factory.AdminAsync();
        var leader = await desk.SignInAsync("desk-lead");
        var teamId = await desk.Factory.WithDbAsync(db => db.Teams.Where(t => t.Name == "Team desk").Select(t => t.Id).SingleAsync());

        var stored = SampleCases.Birth(desk.NextNumber());
        (await desk.BirthClerk.PostAsJsonAsync("/api/entries", stored)).EnsureSuccessStatusCode();
        var flagged = SampleCases.Birth(desk.NextNumber()) with { NeedsVerification = true, VerificationReason = VerificationReason.Illegible };
        (await desk.BirthClerk.PostAsJsonAsync("/api/entries", flagged)).EnsureSuccessStatusCode();

        // One pending report of the death book, made by the first test of the class that needs it.
        var report = await desk.DeathClerk.PostAsJsonAsync($"/api/books/{EntryDesk.Books.Death}/count-report",
            new CountReportRequest { ReportedCount = EntryDesk.Cases - 1, Note = "Trang cuối bị rách" });
        Assert.True(report.IsSuccessStatusCode || report.StatusCode == HttpStatusCode.Conflict, $"count report: {report.StatusCode}");
        var reportId = await desk.Factory.WithDbAsync(db => db.CountReports
            .Where(r => r.Book!.Code == EntryDesk.Books.Death && r.Status == CountReportStatus.Pending).Select(r => r.Id).SingleAsync());

        return new CorpusWorld(desk.Factory.CreateClient(), admin, leader, desk.BirthClerk, desk.MarriageClerk, desk.DeathClerk,
            desk.AdoptionClerk, desk.IdleClerk, teamId, stored, flagged, reportId);
    }
}

/// <summary>What a string field holds, which decides the odd code points the server must refuse in it.</summary>
internal enum TextKind
{
    /// <summary>A name, place, team name, display name or code: no invisible, format, private or unassigned character.</summary>
    Strict,
    /// <summary>A free-text note or reason: line breaks allowed, no bidi control, private or unassigned character.</summary>
    Note,
    /// <summary>A password: only what no text may hold (noncharacters, lone surrogates, control characters).</summary>
    Secret,
}

/// <summary>A well-formed request the corpus breaks: an endpoint, its caller, a path, and its JSON body (null: none).</summary>
internal sealed record Sample(string Pattern, HttpClient Client, string Path, JsonObject? Body, IReadOnlyDictionary<string, TextKind>? Kinds = null,
    IReadOnlyList<string>? RouteValues = null, bool FreshIds = false);

internal static class CorpusSamples
{
    /// <summary>Distinctive personal values: a name, dates of birth and citizen IDs no other test uses.</summary>
    public const string MarkerName = "Quách Thị Zênhvóa";
    public const string MarkerSpouse = "Điểu K'Zônglú";
    public const string MarkerBirth = "1994-11-29";
    public const string MarkerSpouseBirth = "1971-08-13";
    public const string MarkerId = "070194876543";
    public const string MarkerSpouseId = "070071765432";

    public static readonly string[] PersonalMarkers =
        ["Zênhvóa", "Zônglú", "Zenhvoa", "Zonglu", MarkerBirth, MarkerSpouseBirth, MarkerId, MarkerSpouseId, "Markerplace", "Markernote"];

    /// <summary>Write endpoints that take neither a body nor a route value: nothing in them can be malformed.</summary>
    public static readonly HashSet<string> TakesNoInput =
    [
        "POST /api/auth/logout", "POST /api/claims/next", "POST /api/assignment/recompute", "POST /api/national/reconciliation",
        "POST /api/reports/snapshots", "POST /api/operations/backup",
    ];

    public static readonly HashSet<string> Patterns =
    [
        "POST /api/auth/login", "POST /api/books/import", "POST /api/teams", "PUT /api/teams/{teamId:int}",
        "POST /api/teams/{teamId:int}/members", "PUT /api/teams/{teamId:int}/members/{userName}", "DELETE /api/teams/{teamId:int}/members/{userName}",
        "PUT /api/teams/{teamId:int}/roster/{date}/{shift}", "POST /api/teams/{teamId:int}/roster/copy", "PUT /api/teams/{teamId:int}/queue/{bookCode}",
        "POST /api/entries", "POST /api/entries/skip", "PUT /api/entries/{id:guid}", "POST /api/entries/{id:guid}/verify",
        "POST /api/books/{bookCode}/count-report", "POST /api/count-reports/{id:long}/accept", "POST /api/count-reports/{id:long}/reject",
        "POST /api/assignment/move", "POST /api/assignment/proposal/accept", "PUT /api/sprint", "POST /api/books/{bookCode}/claim", "POST /api/books/{bookCode}/release",
        "POST /api/users/{userName}/unlock", "PUT /api/quality/settings", "POST /api/quality/books/{bookCode}/claim",
        "POST /api/quality/books/{bookCode}/release", "POST /api/quality/entries", "POST /api/quality/items/{id:long}/decide",
    ];

    private static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value, Teams.TeamSetup.Json)!.AsObject();

    private static JsonObject Case(CaseEntryRequest request) => Json(request);

    public static List<Sample> For(CorpusWorld w)
    {
        var team = w.TeamId;
        var secret = new Dictionary<string, TextKind> { ["password"] = TextKind.Secret };
        var notes = new Dictionary<string, TextKind> { ["note"] = TextKind.Note, ["reason"] = TextKind.Note };
        var birth = SampleCases.Birth(450) with
        {
            Birth = new BirthCase
            {
                ChildName = MarkerName, Sex = Sex.Female, DateOfBirth = DateOnly.Parse(MarkerBirth), PlaceOfBirth = "Markerplace Long Giang",
                MotherName = "Trần Thị Zênhvóa", FatherName = MarkerSpouse, ChildCitizenId = MarkerId,
            },
        };
        var marriage = SampleCases.Marriage(450) with
        {
            Marriage = new MarriageCase
            {
                HusbandName = MarkerSpouse, HusbandDateOfBirth = DateOnly.Parse(MarkerSpouseBirth), HusbandCitizenId = MarkerSpouseId,
                WifeName = MarkerName, WifeDateOfBirth = new DateOnly(1974, 11, 29), RegistrationPlace = "Markerplace Bù Gia Mập",
            },
        };
        var death = SampleCases.Death(450) with
        {
            Death = new DeathCase
            {
                DeceasedName = MarkerName, Sex = Sex.Female, DateOfBirth = new DateOnly(1931, 8, 13), DateOfDeath = new DateOnly(2005, 10, 28),
                PlaceOfDeath = "Markerplace Thôn 3, xã Đắk Ơ", DeceasedCitizenId = "070031765432",
            },
        };
        var adoption = SampleCases.Adoption(450) with
        {
            Adoption = new AdoptionCase
            {
                AdopteeName = MarkerName, AdopteeDateOfBirth = new DateOnly(1999, 11, 29), AdoptiveFatherName = MarkerSpouse,
                AdoptiveMotherName = "Phạm Thị Zênhvóa",
            },
        };
        var correction = w.StoredCase with { Birth = birth.Birth };
        var verification = w.FlaggedCase with { NeedsVerification = false, VerificationReason = null, Birth = birth.Birth };

        return
        [
            new("POST /api/auth/login", w.Anonymous, "/api/auth/login", Json(new { userName = "corpus.user", password = "Corpus-pass-2026" }), secret),
            new("POST /api/books/import", w.Admin, "/api/books/import", null),
            new("POST /api/teams", w.Admin, "/api/teams",
                Json(new { name = "Tổ Long Giang 3", unitCode = "70", leaderUserName = "desk-lead", computers = 3, leaderCategory = "other" })),
            new("PUT /api/teams/{teamId:int}", w.Leader, $"/api/teams/{team}", Json(new { name = "Tổ Long Giang 3", computers = 5 })),
            new("POST /api/teams/{teamId:int}/members", w.Leader, $"/api/teams/{team}/members",
                Json(new { userName = "corpus.clerk", category = "other", displayName = MarkerName, password = "Corpus-pass-2026" }), secret),
            new("PUT /api/teams/{teamId:int}/members/{userName}", w.Leader, $"/api/teams/{team}/members/desk-o3", Json(new { category = "other" }),
                RouteValues: ["desk-o3"]),
            new("DELETE /api/teams/{teamId:int}/members/{userName}", w.Leader, $"/api/teams/{team}/members/desk-zz", null, RouteValues: ["desk-zz"]),
            new("POST /api/users/{userName}/unlock", w.Admin, "/api/users/desk-zz/unlock", null, RouteValues: ["desk-zz"]),
            new("PUT /api/teams/{teamId:int}/roster/{date}/{shift}", w.Leader, $"/api/teams/{team}/roster/2026-03-10/1",
                Json(new { userNames = new[] { "desk-lead", "desk-p1", "desk-o1", "desk-o2" } }), RouteValues: ["2026-03-10", "1"]),
            new("POST /api/teams/{teamId:int}/roster/copy", w.Leader, $"/api/teams/{team}/roster/copy", Json(new { fromWeekStart = "2026-03-02" })),
            new("PUT /api/teams/{teamId:int}/queue/{bookCode}", w.Leader, $"/api/teams/{team}/queue/{EntryDesk.Books.Unclaimed}",
                Json(new { position = 1 }), RouteValues: [EntryDesk.Books.Unclaimed]),
            new("POST /api/entries", w.BirthClerk, "/api/entries", Case(birth), FreshIds: true),
            new("POST /api/entries", w.MarriageClerk, "/api/entries", Case(marriage), FreshIds: true),
            new("POST /api/entries", w.DeathClerk, "/api/entries", Case(death), FreshIds: true),
            new("POST /api/entries", w.AdoptionClerk, "/api/entries", Case(adoption), FreshIds: true),
            new("POST /api/entries/skip", w.BirthClerk, "/api/entries/skip",
                Json(new { id = Guid.NewGuid(), bookCode = EntryDesk.Books.Birth, entryNumber = 460, reason = "pageMissing", note = "Markernote trang rách" }), notes, FreshIds: true),
            new("PUT /api/entries/{id:guid}", w.BirthClerk, $"/api/entries/{w.StoredCase.Id}", Case(correction)),
            new("POST /api/entries/{id:guid}/verify", w.Leader, $"/api/entries/{w.FlaggedCase.Id}/verify",
                new JsonObject { ["correction"] = Case(verification) }),
            new("POST /api/books/{bookCode}/count-report", w.BirthClerk, $"/api/books/{EntryDesk.Books.Birth}/count-report",
                Json(new { reportedCount = 480, note = "Markernote thiếu trang" }), notes, RouteValues: [EntryDesk.Books.Birth]),
            new("POST /api/count-reports/{id:long}/accept", w.Admin, $"/api/count-reports/{w.CountReportId}/accept",
                Json(new { caseCount = 499, reason = "Markernote đã đếm lại" }), notes),
            new("POST /api/count-reports/{id:long}/reject", w.Admin, $"/api/count-reports/{w.CountReportId}/reject",
                Json(new { reason = "Markernote sổ đủ trang" }), notes),
            new("POST /api/assignment/move", w.Admin, "/api/assignment/move",
                Json(new { bookCodes = new[] { EntryDesk.Books.Unclaimed }, teamId = team })),
            new("POST /api/assignment/proposal/accept", w.Admin, "/api/assignment/proposal/accept",
                Json(new { moveIds = new[] { "NO-SUCH-MOVE" }, all = false })),
            new("PUT /api/sprint", w.Admin, "/api/sprint", Json(new { startDate = "2026-03-01", endDate = "2026-05-31", reportTargetPercent = 80 })),
            new("POST /api/books/{bookCode}/claim", w.IdleClerk, $"/api/books/{EntryDesk.Books.Unclaimed}/claim", null,
                RouteValues: [EntryDesk.Books.Unclaimed]),
            new("POST /api/books/{bookCode}/release", w.IdleClerk, $"/api/books/{EntryDesk.Books.Unclaimed}/release", null,
                RouteValues: [EntryDesk.Books.Unclaimed]),
            new("PUT /api/quality/settings", w.Admin, "/api/quality/settings", Json(new Entry.Shared.Quality.QualitySettingsDto())),
            new("POST /api/quality/books/{bookCode}/claim", w.IdleClerk, $"/api/quality/books/{EntryDesk.Books.Unclaimed}/claim", null,
                RouteValues: [EntryDesk.Books.Unclaimed]),
            new("POST /api/quality/books/{bookCode}/release", w.IdleClerk, $"/api/quality/books/{EntryDesk.Books.Unclaimed}/release", null,
                RouteValues: [EntryDesk.Books.Unclaimed]),
            new("POST /api/quality/entries", w.BirthClerk, "/api/quality/entries", Case(birth), FreshIds: true),
            new("POST /api/quality/items/{id:long}/decide", w.Leader, "/api/quality/items/999999/decide",
                new JsonObject { ["choice"] = "typed", ["value"] = Case(birth) }),
        ];
    }
}

/// <summary>One malformed request of the corpus.</summary>
internal sealed record Probe(string Pattern, string What, HttpClient Client, string Method, string Path, byte[]? Body, string? ContentType)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            var content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            request.Content = content;
        }
        return request;
    }
}
