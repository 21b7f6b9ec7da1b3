using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Entry.Server.Features.National;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Auth;

/// <summary>
/// Walks every operation of the OpenAPI document — so an endpoint added later is walked too — as the district Monitor of
/// Đồng Xoài and as the leader and a clerk of a Đồng Xoài team, in a world where Phước Long and the province have teams,
/// books, rosters, claims and cases (<see cref="ScopeWorld"/>). Each parameter is filled from <see cref="Naming"/> with a
/// resource of the other side (a team, unit, book, case, person) or from <see cref="Neutral"/>; a parameter in neither fails
/// the walk. A read must answer 403 or 404, or an answer holding nothing of the other side; a write must never succeed.
/// </summary>
// Its world runs on a moved clock, and Quartz's clock is process-wide: it runs alone, like the other moved-clock tests.
[Collection(Shifts.MovedClockCollection.Name)]
public sealed class ScopeWalkTests(ScopeWorld world) : IClassFixture<ScopeWorld>
{
    /// <summary>Answers that are the same for every role by design, with the reason.</summary>
    private static readonly Dictionary<string, string> PublicReference = new()
    {
        // The province's geography, with no figures: the dashboard draws the other districts grey.
        ["/api/map/districts"] = "the districts' outlines",
    };

    /// <summary>The caller's own session: signing out would end the walk; sign-in names no resource.</summary>
    private static readonly HashSet<string> Session = ["/api/auth/login", "/api/auth/logout"];

    /// <summary>Parameters that name a resource: every value is the other side's (another district's, another team's).</summary>
    private Dictionary<string, string[]> Naming => new()
    {
        ["path:teamId"] = [Id(world.TeamB), Id(world.TeamP)],
        ["path:code"] = [ScopeWorld.DistrictB, ScopeWorld.CommuneB, ScopeWorld.Province],
        ["path:bookCode"] = [ScopeWorld.BookB, ScopeWorld.BookP],
        ["path:userName"] = ["clerk-b1", "lead-b"],
        ["path:id:uuid"] = [world.CaseB.ToString(), world.RejectedCaseB.ToString()],
        ["path:id:int64"] = [world.CountReportB.ToString(CultureInfo.InvariantCulture)],
        ["query:unitCode"] = [ScopeWorld.DistrictB, ScopeWorld.CommuneB, ScopeWorld.Province],
        ["query:teamId"] = [Id(world.TeamB), Id(world.TeamP)],
        ["query:district"] = [ScopeWorld.DistrictB],
        ["query:bookCode"] = [ScopeWorld.BookB, ScopeWorld.BookP],
        // A search by a part of a book code: the other side's codes must not be found.
        ["query:code"] = [ScopeWorld.BookB, ScopeWorld.BookP],
    };

    /// <summary>Parameters that name nothing of anyone's: the value sent, or null to leave them at their default.</summary>
    private static readonly Dictionary<string, string?> Neutral = new()
    {
        ["path:date"] = ScopeWorld.Day.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["path:shift"] = "1",
        ["query:week"] = null,
        ["query:page"] = null,
        ["query:pageSize"] = null,
        ["query:type"] = null,
        ["query:condition"] = null,
        ["query:status"] = null,
        ["query:runId"] = null,
        ["query:date"] = null,
        ["query:previous"] = null,
        ["query:entryNumber"] = null,
        ["query:days"] = null,
        ["query:extraClerks"] = null,
        ["query:extraComputers"] = null,
        ["query:useCookies"] = null,
        ["query:useSessionCookies"] = null,
        ["header:If-Match"] = null,
    };

    [Theory]
    [InlineData("mon-a")]
    [InlineData("lead-a")]
    [InlineData("clerk-a")]
    public async Task Every_read_answers_403_or_404_or_nothing_of_another_district_or_team(string userName)
    {
        var client = await world.SignInAsync(userName);
        var markers = userName == "mon-a" ? await OutsideDistrictAAsync() : await OtherTeamsAsync();

        var problems = await ReadAllAsync(client, markers);

        Assert.True(problems.Count == 0, $"{userName}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("mon-a")]
    [InlineData("lead-a")]
    [InlineData("clerk-a")]
    public async Task No_write_succeeds_on_another_district_or_team_and_nothing_changes(string userName)
    {
        var client = await world.SignInAsync(userName);
        var before = await FingerprintAsync();
        var problems = new List<string>();

        foreach (var request in await RequestsAsync(o => o.Method != "GET" && !Session.Contains(o.Path)))
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Operation.Method), request.Url)
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            };
            var response = await client.SendAsync(message);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || status >= 500)
            {
                problems.Add($"{request}: {status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(problems.Count == 0, $"{userName}:\n" + string.Join("\n", problems));
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>
    /// The walk can fail: an Admin, who may read everything, is shown the other side by every kind of read — lists, a team's
    /// pages, a case, the queues, the figures and files — so the fills reach real resources and the markers recognise them.
    /// </summary>
    [Fact]
    public async Task An_admin_walking_the_same_requests_is_shown_the_other_district_and_teams()
    {
        var admin = await world.Factory.AdminAsync();

        var seenDistrict = await ReadAllAsync(admin, await OutsideDistrictAAsync());
        var seenTeams = await ReadAllAsync(admin, await OtherTeamsAsync());

        Assert.DoesNotContain(seenDistrict, p => p.Contains(": answered ", StringComparison.Ordinal));
        var district = Operations(seenDistrict);
        var teams = Operations(seenTeams);

        Assert.Superset(new HashSet<string>
        {
            "/api/units", "/api/books", "/api/books/export", "/api/progress", "/api/teams", "/api/teams/{teamId}", "/api/teams/{teamId}/roster",
            "/api/teams/{teamId}/queue", "/api/teams/{teamId}/board", "/api/teams/coverage", "/api/assignment/projection",
            "/api/national/reconciliation", "/api/dashboard", "/api/dashboard/units/{code}", "/api/dashboard/units/{code}/books",
            "/api/reports/progress", "/api/reports/progress.csv", "/api/reports/progress.xlsx", "/api/count-reports",
        }, district);
        Assert.Superset(new HashSet<string>
        {
            "/api/teams", "/api/teams/{teamId}", "/api/teams/{teamId}/roster", "/api/teams/{teamId}/queue", "/api/teams/{teamId}/board",
            "/api/teams/{teamId}/verification", "/api/teams/{teamId}/national-rejections", "/api/teams/{teamId}/refused-submissions",
            "/api/entries/{id}", "/api/teams/coverage",
        }, teams);

        static HashSet<string> Operations(List<string> problems) =>
            problems.Select(p => p.Split(' ')[2].TrimEnd(':')).ToHashSet();
    }

    [Fact]
    public async Task Every_parameter_of_the_document_has_a_rule_to_fill_it()
    {
        var operations = await OperationsAsync();

        Assert.True(operations.Count >= 55, $"only {operations.Count} operations in the document");
        var unknown = operations.SelectMany(o => o.Parameters.Where(p => Rule(p) is null).Select(p => $"{o}: {p.In} parameter '{p.Name}' ({p.Format})")).ToList();
        Assert.True(unknown.Count == 0, "no rule fills: " + string.Join("; ", unknown));
    }

    /// <summary>Every GET of the walk; a problem per answer that is neither a refusal nor clean, as "GET url path: what".</summary>
    private async Task<List<string>> ReadAllAsync(HttpClient client, Markers markers)
    {
        var problems = new List<string>();
        foreach (var request in await RequestsAsync(o => o.Method == "GET"))
        {
            var response = await client.GetAsync(request.Url);
            var status = (int)response.StatusCode;
            if (status is 403 or 404 or 204)
            {
                continue;
            }
            if (status != 200)
            {
                problems.Add($"{request} {request.Operation.Path}: answered {status} {await response.Content.ReadAsStringAsync()}");
                continue;
            }
            if (PublicReference.ContainsKey(request.Operation.Path))
            {
                continue;
            }
            if (await markers.FindInAsync(response) is { Count: > 0 } found)
            {
                problems.Add($"{request} {request.Operation.Path}: {found.Count} of the other side's, e.g. {string.Join(", ", found.Take(3))}");
            }
        }
        return problems;
    }

    private async Task<List<ApiOperation>> OperationsAsync()
    {
        using var client = world.Factory.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return ApiOperation.ReadAll(document);
    }

    /// <summary>
    /// The requests of the operations picked: each naming path parameter takes each of its values; then, on the first of
    /// those paths, each naming query parameter takes each of its values in turn.
    /// </summary>
    private async Task<List<WalkRequest>> RequestsAsync(Func<ApiOperation, bool> pick)
    {
        var requests = new List<WalkRequest>();
        foreach (var operation in (await OperationsAsync()).Where(pick))
        {
            var rules = operation.Parameters.ToDictionary(p => p, p => Rule(p) ?? throw new Xunit.Sdk.XunitException(
                $"{operation}: no rule fills the {p.In} parameter '{p.Name}'; add it to Naming (it names a resource) or Neutral."));
            var paths = new List<string> { operation.Path };
            foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
            {
                var values = rules[parameter] ?? throw new Xunit.Sdk.XunitException($"{operation}: path parameter '{parameter.Name}' has no value.");
                paths = paths.SelectMany(path => values.Select(v => path.Replace($"{{{parameter.Name}}}", Uri.EscapeDataString(v), StringComparison.Ordinal))).ToList();
            }
            var neutral = new List<string>();
            var naming = new List<(string Name, string[] Values)>();
            foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
            {
                if (Naming.ContainsKey(Key(parameter)))
                {
                    naming.Add((parameter.Name, rules[parameter]!));
                }
                else if (rules[parameter] is [var value])
                {
                    neutral.Add($"{parameter.Name}={Uri.EscapeDataString(value)}");
                }
                else if (parameter.Required)
                {
                    throw new Xunit.Sdk.XunitException($"{operation}: the required query parameter '{parameter.Name}' has no value.");
                }
            }
            string Url(string path, IEnumerable<string> query) => query.Any() ? $"{path}?{string.Join('&', query)}" : path;
            requests.AddRange(paths.Select(path => new WalkRequest(operation, Url(path, neutral))));
            foreach (var (name, values) in naming)
            {
                requests.AddRange(values.Select(v => new WalkRequest(operation, Url(paths[0], [.. neutral, $"{name}={Uri.EscapeDataString(v)}"]))));
            }
        }
        return requests;
    }

    /// <summary>The values a parameter is filled with: a naming rule's, a neutral value (one), none (left out); null when no rule knows it.</summary>
    private string[]? Rule(ApiParameter parameter)
    {
        if (Naming.TryGetValue(Key(parameter), out var values))
        {
            return values;
        }
        return Neutral.TryGetValue(Key(parameter), out var value) ? value is null ? [] : [value] : null;
    }

    private string Key(ApiParameter parameter) =>
        parameter.Format is { } format && Naming.ContainsKey($"{parameter.Key}:{format}") ? $"{parameter.Key}:{format}" : parameter.Key;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Everything outside Đồng Xoài: other districts' and the province's units, books, teams, their people and cases.</summary>
    private Task<Markers> OutsideDistrictAAsync() => world.Factory.WithDbAsync(async db =>
    {
        var units = await db.Units.AsNoTracking().ToListAsync();
        var namesInA = units.Where(u => u.DistrictCode == ScopeWorld.DistrictA || u.ParentCode == null).Select(u => u.Name).ToHashSet();
        var outside = units.Where(u => u.ParentCode != null && u.DistrictCode != ScopeWorld.DistrictA).ToList();
        var books = await db.Books.Where(b => b.Unit!.DistrictCode != ScopeWorld.DistrictA).Select(b => b.Code).ToListAsync();
        var teams = await db.Teams.Where(t => t.Unit!.DistrictCode != ScopeWorld.DistrictA).Select(t => new { t.Id, t.Name }).ToListAsync();
        var people = await PeopleAsync(db, teams.Select(t => t.Id).ToList());
        var cases = await db.CaseEntries.Where(e => e.Book!.Unit!.DistrictCode != ScopeWorld.DistrictA).Select(e => e.Id).ToListAsync();
        var exact = outside.Select(u => u.Code).Concat(outside.Select(u => u.Name).Where(n => !namesInA.Contains(n))).Concat(people).ToHashSet();
        return new Markers(exact, [.. books, .. teams.Select(t => t.Name), .. Long(people), .. cases.Select(c => c.ToString())], teams.Select(t => t.Id).ToHashSet());
    });

    /// <summary>Every team but Đồng Xoài's team A: its name, its people, its cases.</summary>
    private Task<Markers> OtherTeamsAsync() => world.Factory.WithDbAsync(async db =>
    {
        var teams = await db.Teams.Where(t => t.Id != world.TeamA).Select(t => new { t.Id, t.Name }).ToListAsync();
        var people = await PeopleAsync(db, teams.Select(t => t.Id).ToList());
        var cases = await db.CaseEntries.Where(e => e.TeamId != world.TeamA).Select(e => e.Id).ToListAsync();
        return new Markers(people.ToHashSet(), [.. teams.Select(t => t.Name), .. Long(people), .. cases.Select(c => c.ToString())], teams.Select(t => t.Id).ToHashSet());
    });

    /// <summary>The user names and display names of the teams' members and leaders.</summary>
    private static async Task<List<string>> PeopleAsync(Entry.Server.Data.EntryDb db, List<int> teams)
    {
        var members = await db.TeamMembers.Where(m => teams.Contains(m.TeamId)).Select(m => new { m.User!.UserName, m.User.DisplayName }).ToListAsync();
        var leaders = await db.Teams.Where(t => teams.Contains(t.Id) && t.Leader != null).Select(t => new { t.Leader!.UserName, t.Leader.DisplayName }).ToListAsync();
        return members.Concat(leaders).SelectMany(p => new[] { p.UserName!, p.DisplayName }).Distinct().ToList();
    }

    /// <summary>Markers long enough to look for inside longer text.</summary>
    private static IEnumerable<string> Long(IEnumerable<string> values) => values.Where(v => v.Length >= 8);

    /// <summary>What a write could change: teams, members, rosters, queues, claims, cases, count reports, settings, runs, the outbox.</summary>
    private Task<string> FingerprintAsync() => world.Factory.WithDbAsync(async db =>
    {
        var parts = new List<string>();
        parts.AddRange(await db.Teams.OrderBy(t => t.Id).Select(t => $"team {t.Id} {t.Name} {t.Computers} {t.LeaderId}").ToListAsync());
        parts.AddRange(await db.TeamMembers.OrderBy(m => m.Id).Select(m => $"member {m.TeamId} {m.UserId} {m.Category}").ToListAsync());
        parts.Add($"roster {await db.RosterEntries.CountAsync()}");
        parts.AddRange(await db.Books.OrderBy(b => b.Id).Select(b => $"book {b.Code} {b.TeamId} {b.QueuePosition} {b.CaseCount} {b.Status}").ToListAsync());
        parts.AddRange(await db.Claims.OrderBy(c => c.BookId).Select(c => $"claim {c.BookId} {c.UserId}").ToListAsync());
        parts.AddRange(await db.CaseEntries.OrderBy(e => e.Id).Select(e => $"case {e.Id} {e.Version} {e.Status}").ToListAsync());
        parts.AddRange(await db.CountReports.OrderBy(r => r.Id).Select(r => $"count {r.Id} {r.Status}").ToListAsync());
        parts.Add($"runs {await db.ReconciliationRuns.CountAsync()} outbox {await db.Set<NationalMessage>().CountAsync()} snapshots {await db.DailySnapshots.CountAsync()}");
        parts.AddRange(await db.SprintSettings.Select(s => $"sprint {s.StartDate} {s.EndDate} {s.ReportTargetPercent}").ToListAsync());
        parts.AddRange(await db.Users.OrderBy(u => u.UserName).Select(u => $"user {u.UserName} {u.DisplayName}").ToListAsync());
        return string.Join("\n", parts);
    });
}
