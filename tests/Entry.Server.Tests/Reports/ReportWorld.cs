using System.Net.Http.Json;
using Entry.Server.Data;
using Entry.Server.Features.Claims;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Entry.Shared.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Reports;

/// <summary>
/// Two days of work in two districts, seen by the report. Day 1 (09:00, shift 1): 3 cases in Thác Mơ (25216, district
/// 688), 2 in Long Thủy (25217, 688), 4 in Tân Phú (25195, 689); snapshot. Day 2: Thác Mơ's book is recounted from 40 to
/// 60 (its percentage falls), Long Thủy logs 2 more cases and skips a number, Tân Phú does nothing; the district office
/// of Đồng Xoài (689) and the province (70) hold a book each with nothing logged. A district Monitor of 689 and a
/// province Monitor are signed in.
/// </summary>
public sealed class ReportWorld : IAsyncLifetime
{
    public static readonly DateOnly Day1 = new(2026, 11, 23);
    public static readonly DateOnly Day2 = Day1.AddDays(1);

    public const string ThacMo = "25216";
    public const string LongThuy = "25217";
    public const string TanPhu = "25195";

    public ClockedFactory Factory { get; } = new(Local.At(Day1, 9, 0), clockEnabled: false);
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient ProvinceMonitor { get; private set; } = null!;
    public HttpClient DistrictMonitor { get; private set; } = null!;

    /// <summary>The database's own counts per unit, read just before the day-1 snapshot.</summary>
    public IReadOnlyDictionary<string, Truth> Day1Truth { get; private set; } = null!;

    private readonly Dictionary<string, int> numbers = [];

    public async Task InitializeAsync()
    {
        Admin = await Factory.AdminAsync();
        (await Admin.PostAsync("/api/books/import", Csv.Body(
            $"RP-{ThacMo},{ThacMo},birth,1,1990-01-01,2018-12-31,40,good",
            $"RP-{LongThuy},{LongThuy},birth,1,1990-01-01,2018-12-31,40,good",
            $"RP-{TanPhu},{TanPhu},birth,1,1990-01-01,2018-12-31,20,good",
            "RP-689,689,birth,1,1990-01-01,2018-12-31,10,good",
            "RP-70,70,birth,1,1990-01-01,2018-12-31,10,good"))).EnsureSuccessStatusCode();
        var team = await TeamSetup.CreateAsync(Factory, "rp");
        await Factory.WithDbAsync(db => db.Books.WithCodeStarting("RP-").ExecuteUpdateAsync(s => s.SetProperty(b => b.TeamId, team.Id)));
        await Factory.ClientAsAsync(Roles.Monitor, "province-monitor");
        await DistrictMonitorAsync(Factory, "689");

        var thacMo = await HoldAsync(team.Id, $"RP-{ThacMo}", team.Other1, Day1);
        var longThuy = await HoldAsync(team.Id, $"RP-{LongThuy}", team.Other2, Day1);
        var tanPhu = await HoldAsync(team.Id, $"RP-{TanPhu}", team.Other3, Day1);
        await LogAsync(thacMo, $"RP-{ThacMo}", 3);
        await LogAsync(longThuy, $"RP-{LongThuy}", 2);
        await LogAsync(tanPhu, $"RP-{TanPhu}", 4);
        Day1Truth = await TruthAsync();
        (await Admin.PostAsync("/api/reports/snapshots", null)).EnsureSuccessStatusCode();

        // A day later every bearer token has expired: sign in again.
        Factory.Time.Advance(TimeSpan.FromDays(1));
        Admin = await Factory.AdminAsync();
        ProvinceMonitor = await Factory.SignedInClientAsync("province-monitor", EntryFactory.Password);
        DistrictMonitor = await Factory.SignedInClientAsync("monitor-689", EntryFactory.Password);
        var leader = await Factory.SignedInClientAsync(team.LeaderName, EntryFactory.Password);
        longThuy = await HoldAsync(team.Id, $"RP-{LongThuy}", team.Other2, Day2);
        await LogAsync(longThuy, $"RP-{LongThuy}", 2);
        (await longThuy.PostAsJsonAsync("/api/entries/skip", new SkipEntryRequest
        {
            Id = Guid.NewGuid(), BookCode = $"RP-{LongThuy}", EntryNumber = Next($"RP-{LongThuy}"), Reason = SkipReason.NumberNotUsed,
        })).EnsureSuccessStatusCode();
        var reported = await leader.PostAsJsonAsync($"/api/books/RP-{ThacMo}/count-report", new CountReportRequest { ReportedCount = 60 });
        reported.EnsureSuccessStatusCode();
        var report = (await reported.Content.ReadFromJsonAsync<CountReportDto>())!;
        (await Admin.PostAsJsonAsync($"/api/count-reports/{report.Id}/accept", new CountDecisionRequest())).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A Monitor attached to a unit (a district, or one of its communes).</summary>
    public static async Task<HttpClient> DistrictMonitorAsync(EntryFactory factory, string unitCode)
    {
        var name = $"monitor-{unitCode}";
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().EnsureUserAsync(name, name, EntryFactory.Password, Roles.Monitor, unitCode);
        }
        return await factory.SignedInClientAsync(name, EntryFactory.Password);
    }

    /// <summary>Counts straight from the Books and CaseEntries tables, per unit.</summary>
    public Task<IReadOnlyDictionary<string, Truth>> TruthAsync() => Factory.WithDbAsync(async db =>
    {
        var totals = await db.Books.GroupBy(b => b.UnitCode).Select(g => new { g.Key, Total = g.Sum(b => (long)b.CaseCount) }).ToListAsync();
        var entries = await db.CaseEntries.Select(e => new { e.Book!.UnitCode, e.Status }).ToListAsync();
        IReadOnlyDictionary<string, Truth> truth = totals.ToDictionary(t => t.Key, t => new Truth(
            t.Total,
            entries.Count(e => e.UnitCode == t.Key && e.Status != CaseStatus.Skipped),
            entries.Count(e => e.UnitCode == t.Key && e.Status == CaseStatus.Skipped)));
        return truth;
    });

    private async Task<HttpClient> HoldAsync(int teamId, string bookCode, string userName, DateOnly day)
    {
        await Factory.WithDbAsync(async db =>
        {
            var book = await db.Books.SingleAsync(b => b.Code == bookCode);
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            await db.Claims.Where(c => c.BookId == book.Id).ExecuteDeleteAsync();
            db.Claims.Add(new Claim { BookId = book.Id, UserId = user.Id, TeamId = teamId, ShiftDate = day, Shift = 1, ClaimedAt = Local.At(day, 7, 0) });
            Rostered.Ensure(db, teamId, user.Id, day, 1);
            return await db.SaveChangesAsync();
        });
        return await Factory.SignedInClientAsync(userName, EntryFactory.Password);
    }

    private async Task LogAsync(HttpClient clerk, string bookCode, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            (await clerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(Next(bookCode), bookCode))).EnsureSuccessStatusCode();
        }
    }

    private int Next(string bookCode) => numbers[bookCode] = numbers.GetValueOrDefault(bookCode) + 1;
}

/// <summary>A unit's cases (its own books), cases logged and numbers skipped, counted from the tables.</summary>
public sealed record Truth(long Total, long Entered, long Skipped)
{
    public double Percent => ReportRules.Percent(Entered + Skipped, Total);

    public static Truth operator +(Truth a, Truth b) => new(a.Total + b.Total, a.Entered + b.Entered, a.Skipped + b.Skipped);
}
