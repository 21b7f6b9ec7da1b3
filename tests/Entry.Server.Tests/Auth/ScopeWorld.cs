using System.Net.Http.Json;
using Entry.Server.Data;
using Entry.Server.Features.National;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Teams;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Auth;

/// <summary>
/// Two districts with work under way, and a province team, on a server whose clock stands at 09:00 local (shift 1 open) on
/// <see cref="Day"/>. District A is Đồng Xoài (689): team A (Phường Tân Phú, 25195) — leader <c>lead-a</c>, clerk
/// <c>clerk-a</c> — and the monitor <c>mon-a</c> (unit 25195: a commune, so their area is its district). District B is Phước
/// Long (688): team B (Phường Thác Mơ, 25216) — leader <c>lead-b</c>, clerks <c>clerk-b1</c> (a civil-registry officer) and
/// <c>clerk-b2</c>. Team P is the province's own (70), led by <c>lead-p</c>. Each team has books queued, its people rostered
/// and on shift holding books, cases logged (one of B's flagged, one rejected by the national side); B has a count report,
/// a reconciliation difference and a refused late case.
/// </summary>
public sealed class ScopeWorld : IAsyncLifetime
{
    public static readonly DateOnly Day = new(2026, 10, 13);

    public const string DistrictA = "689";
    public const string DistrictB = "688";
    public const string CommuneB = "25216";
    public const string Province = "70";

    public const string BookA = "SA-25195-B1";
    public const string BookAOffice = "SA-689-D1";
    public const string BookB = "SB-25216-B1";
    public const string BookBOther = "SB-25217-B1";
    public const string BookBOffice = "SB-688-D1";
    public const string BookP = "SP-70-A1";

    public ClockedFactory Factory { get; } = new(Local.At(Day, 9, 0), clockEnabled: false);

    public int TeamA { get; private set; }
    public int TeamB { get; private set; }
    public int TeamP { get; private set; }
    /// <summary>A case of team B (flagged: in its verification queue).</summary>
    public Guid CaseB { get; private set; }
    /// <summary>A case of team B the national side rejected (in its correction queue).</summary>
    public Guid RejectedCaseB { get; private set; }
    public Guid CaseA { get; private set; }
    public long CountReportB { get; private set; }

    /// <summary>User name → display name of everyone in the world who works in a team.</summary>
    public static readonly IReadOnlyDictionary<string, string> People = new Dictionary<string, string>
    {
        ["lead-a"] = "Trần Văn Anh",
        ["clerk-a"] = "Lê Thị Ánh",
        ["lead-b"] = "Phạm Văn Bảo",
        ["clerk-b1"] = "Hoàng Thị Bích",
        ["clerk-b2"] = "Đặng Văn Bền",
        ["lead-p"] = "Vũ Văn Phúc",
    };

    public async Task InitializeAsync()
    {
        var admin = await Factory.AdminAsync();
        (await admin.PostAsync("/api/books/import", Csv.Body(
            $"{BookA},25195,birth,1,1990-01-01,2000-12-31,40,good",
            $"{BookAOffice},689,birth,1,1990-01-01,2000-12-31,20,good",
            $"{BookB},{CommuneB},birth,1,1990-01-01,2000-12-31,50,good",
            $"{BookBOther},25217,birth,1,1990-01-01,2000-12-31,30,good",
            $"{BookBOffice},688,birth,1,1990-01-01,2000-12-31,20,good",
            $"{BookP},70,birth,1,1990-01-01,2000-12-31,10,good"))).EnsureSuccessStatusCode();
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            foreach (var (name, display) in People)
            {
                await users.EnsureUserAsync(name, display, EntryFactory.Password, name.StartsWith("lead", StringComparison.Ordinal) ? Roles.TeamLeader : Roles.Clerk, null);
            }
            await users.EnsureUserAsync("mon-a", "Giám sát Đồng Xoài", EntryFactory.Password, Roles.Monitor, "25195");
            await users.EnsureUserAsync("mon-province", "Giám sát tỉnh", EntryFactory.Password, Roles.Monitor, Province);
        }
        await Factory.WithDbAsync(async db =>
        {
            var ids = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
            var a = new Team { Name = "Tổ nhập liệu Tân Phú", UnitCode = "25195", Computers = 4, LeaderId = ids["lead-a"] };
            var b = new Team { Name = "Tổ nhập liệu Thác Mơ", UnitCode = CommuneB, Computers = 4, LeaderId = ids["lead-b"] };
            var p = new Team { Name = "Tổ nhập liệu Sở Tư pháp", UnitCode = Province, Computers = 4, LeaderId = ids["lead-p"] };
            db.Teams.AddRange(a, b, p);
            db.SprintSettings.Add(new SprintSettings { StartDate = Day.AddDays(-2), EndDate = Day.AddDays(27), ReportTargetPercent = 80 });
            await db.SaveChangesAsync();
            (TeamA, TeamB, TeamP) = (a.Id, b.Id, p.Id);
            foreach (var (team, user, category) in new[]
                     {
                         (a, "lead-a", MemberCategory.CivilRegistryOfficer), (a, "clerk-a", MemberCategory.Other),
                         (b, "lead-b", MemberCategory.CivilRegistryOfficer), (b, "clerk-b1", MemberCategory.CivilRegistryOfficer),
                         (b, "clerk-b2", MemberCategory.Other), (p, "lead-p", MemberCategory.CivilRegistryOfficer),
                     })
            {
                db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = ids[user], Category = category });
                db.RosterEntries.Add(new RosterEntry { TeamId = team.Id, Date = Day, Shift = 1, UserId = ids[user] });
            }
            foreach (var (code, team, position) in new[]
                     {
                         (BookA, a.Id, 1), (BookAOffice, a.Id, 2), (BookB, b.Id, 1), (BookBOther, b.Id, 2), (BookBOffice, b.Id, 3), (BookP, p.Id, 1),
                     })
            {
                var book = await db.Books.SingleAsync(x => x.Code == code);
                (book.TeamId, book.QueuePosition) = (team, position);
            }
            return await db.SaveChangesAsync();
        });

        var clerkA = await SignInAsync("clerk-a");
        var clerkB1 = await SignInAsync("clerk-b1");
        var clerkB2 = await SignInAsync("clerk-b2");
        (await clerkA.PostAsync($"/api/books/{BookA}/claim", null)).EnsureSuccessStatusCode();
        (await clerkB1.PostAsync($"/api/books/{BookB}/claim", null)).EnsureSuccessStatusCode();
        (await clerkB2.PostAsync($"/api/books/{BookBOther}/claim", null)).EnsureSuccessStatusCode();
        CaseA = await LogAsync(clerkA, SampleCases.Birth(1, BookA));
        await LogAsync(clerkB1, SampleCases.Birth(1, BookB));
        CaseB = await LogAsync(clerkB1, SampleCases.Birth(2, BookB) with { NeedsVerification = true, VerificationReason = VerificationReason.Illegible });
        RejectedCaseB = await LogAsync(clerkB2, SampleCases.Birth(1, BookBOther));
        // A late case refused (clerk-b2 never held B's first book): in team B's refused submissions.
        var refused = await clerkB2.PostAsJsonAsync("/api/entries", SampleCases.Birth(3, BookB) with { TypedAt = Local.At(Day, 8, 59) });
        if (refused.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"the late case was answered {(int)refused.StatusCode}, not refused");
        }
        var report = await clerkB1.PostAsJsonAsync($"/api/books/{BookB}/count-report", new CountReportRequest { ReportedCount = 52, Note = "Hai trang dán thêm" });
        report.EnsureSuccessStatusCode();
        CountReportB = (await report.Content.ReadFromJsonAsync<CountReportDto>())!.Id;
        (await admin.PostAsync("/api/reports/snapshots", null)).EnsureSuccessStatusCode();

        // Once the dispatcher has settled every message, B's case is marked rejected (as the national side would) with nothing
        // left in flight to overwrite it; a reconciliation run holds a difference of B's book.
        await Local.EventuallyAsync(() => Factory.WithDbAsync(db => db.Set<NationalMessage>().AllAsync(m => m.State != NationalMessageState.Pending)),
            "the outbox drained");
        await Factory.WithDbAsync(async db =>
        {
            var rejected = await db.CaseEntries.SingleAsync(e => e.Id == RejectedCaseB);
            rejected.NationalState = NationalSyncState.Rejected;
            rejected.NationalErrors = """{"birth.childName":["The name does not match the register."]}""";
            var run = new ReconciliationRun
            {
                Trigger = ReconciliationRun.Manual, RequestedBy = "root", Status = ReconciliationStatus.Completed,
                StartedAt = Local.At(Day, 8, 0), FinishedAt = Local.At(Day, 8, 1), BooksChecked = 3, Differences = 1, DifferencesStored = 1,
            };
            db.ReconciliationRuns.Add(run);
            await db.SaveChangesAsync();
            db.ReconciliationDifferences.Add(new ReconciliationDifferenceRecord
            {
                RunId = run.Id, BookCode = BookB, EntryNumber = 1, Kind = ReconciliationDifferenceKind.MissingNationally,
                Detail = $"Entry holds it as synced; the national side holds no record of {BookB} 1.",
            });
            return await db.SaveChangesAsync();
        });
    }

    public Task<HttpClient> SignInAsync(string userName) => Factory.SignedInClientAsync(userName, EntryFactory.Password);

    private static async Task<Guid> LogAsync(HttpClient clerk, CaseEntryRequest request)
    {
        (await clerk.PostAsJsonAsync("/api/entries", request)).EnsureSuccessStatusCode();
        return request.Id;
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
