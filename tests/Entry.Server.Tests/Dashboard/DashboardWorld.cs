using System.Net.Http.Json;
using Entry.Server.Data;
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

namespace Entry.Server.Tests.Dashboard;

/// <summary>
/// A server whose clock stands at 09:00 local (shift 1 open) on <see cref="Day"/>, the sprint started two days before. Team 689
/// (Phường Tân Phú, 25195) has the clerks <c>k1</c> and <c>k2</c>, team 688 (Phường Thác Mơ, 25216) the clerk <c>k3</c>, all on
/// shift 1. Books: a birth and a marriage book of 25195, a death book of the district office 689, a birth book of 25216 and one
/// of 25217, an adoption book of the province itself. Monitors: <c>mon-province</c> (unit 70), <c>mon-689</c> (unit 25195) and <c>mon-nowhere</c> (a unit code naming no unit).
/// </summary>
public sealed class DashboardWorld : IAsyncLifetime
{
    public static readonly DateOnly Day = new(2026, 11, 24);
    public static readonly DateOnly SprintStart = Day.AddDays(-2);
    public static readonly DateOnly SprintEnd = Day.AddDays(27);

    public const string Birth689 = "DB-25195-1";
    public const string Marriage689 = "DM-25195-1";
    public const string Death689Office = "DD-689-1";
    public const string Birth688 = "DB-25216-1";
    public const string Birth688Other = "DB-25217-1";
    public const string AdoptionProvince = "DA-70-1";

    /// <summary>Every book's cases: the province's target.</summary>
    public const long Target = 40 + 30 + 20 + 50 + 25 + 10;

    public ClockedFactory Factory { get; } = new(Local.At(Day, 9, 0), clockEnabled: false);
    public int Team689 { get; private set; }
    public int Team688 { get; private set; }
    public HttpClient K1 { get; private set; } = null!;
    public HttpClient K2 { get; private set; } = null!;
    public HttpClient K3 { get; private set; } = null!;

    private readonly Dictionary<string, int> numbers = [];

    public async Task InitializeAsync()
    {
        var admin = await Factory.AdminAsync();
        (await admin.PostAsync("/api/books/import", Csv.Body(
            $"{Birth689},25195,birth,1,1990-01-01,2000-12-31,40,good",
            $"{Marriage689},25195,marriage,1,1990-01-01,2000-12-31,30,good",
            $"{Death689Office},689,death,1,1990-01-01,2000-12-31,20,good",
            $"{Birth688},25216,birth,1,1990-01-01,2000-12-31,50,good",
            $"{Birth688Other},25217,birth,1,1990-01-01,2000-12-31,25,worn",
            $"{AdoptionProvince},70,adoption,1,1990-01-01,2000-12-31,10,good"))).EnsureSuccessStatusCode();
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            foreach (var clerk in new[] { "k1", "k2", "k3" })
            {
                await users.EnsureUserAsync(clerk, clerk, EntryFactory.Password, Roles.Clerk, null);
            }
            await users.EnsureUserAsync("mon-province", "Province monitor", EntryFactory.Password, Roles.Monitor, "70");
            await users.EnsureUserAsync("mon-689", "Đồng Xoài monitor", EntryFactory.Password, Roles.Monitor, "25195");
            await users.EnsureUserAsync("mon-nowhere", "Monitor of no unit", EntryFactory.Password, Roles.Monitor, "99999");
        }
        await Factory.WithDbAsync(async db =>
        {
            var ids = await db.Users.Where(u => u.UserName!.StartsWith("k")).ToDictionaryAsync(u => u.UserName!, u => u.Id);
            var tanPhu = new Team { Name = "Tổ Tân Phú", UnitCode = "25195", Computers = 6 };
            var thacMo = new Team { Name = "Tổ Thác Mơ", UnitCode = "25216", Computers = 6 };
            db.Teams.AddRange(tanPhu, thacMo);
            db.SprintSettings.Add(new SprintSettings { StartDate = SprintStart, EndDate = SprintEnd, ReportTargetPercent = 80 });
            await db.SaveChangesAsync();
            (Team689, Team688) = (tanPhu.Id, thacMo.Id);
            void Member(Team team, string clerk) => db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = ids[clerk], Category = MemberCategory.Other });
            void Roster(Team team, string clerk, DateOnly date, int shift) => db.RosterEntries.Add(new RosterEntry { TeamId = team.Id, Date = date, Shift = shift, UserId = ids[clerk] });
            Member(tanPhu, "k1");
            Member(tanPhu, "k2");
            Member(thacMo, "k3");
            foreach (var (team, clerk) in new[] { (tanPhu, "k1"), (tanPhu, "k2"), (thacMo, "k3") })
            {
                Roster(team, clerk, Day, 1);
            }
            // The plan so far: Tân Phú two clerks on yesterday's shift 1 (6 h), Thác Mơ one on yesterday's shift 2 (5 h);
            // a shift before the sprint's start does not count.
            Roster(tanPhu, "k1", Day.AddDays(-1), 1);
            Roster(tanPhu, "k2", Day.AddDays(-1), 1);
            Roster(thacMo, "k3", Day.AddDays(-1), 2);
            Roster(thacMo, "k3", SprintStart.AddDays(-1), 1);
            var queued = new[] { (Birth689, tanPhu.Id, 1), (Marriage689, tanPhu.Id, 2), (Birth688, thacMo.Id, 1) };
            foreach (var (code, team, position) in queued)
            {
                var book = await db.Books.SingleAsync(b => b.Code == code);
                (book.TeamId, book.QueuePosition) = (team, position);
            }
            return await db.SaveChangesAsync();
        });
        K1 = await Factory.SignedInClientAsync("k1", EntryFactory.Password);
        K2 = await Factory.SignedInClientAsync("k2", EntryFactory.Password);
        K3 = await Factory.SignedInClientAsync("k3", EntryFactory.Password);
        (await K1.PostAsync($"/api/books/{Birth689}/claim", null)).EnsureSuccessStatusCode();
        (await K2.PostAsync($"/api/books/{Marriage689}/claim", null)).EnsureSuccessStatusCode();
        (await K3.PostAsync($"/api/books/{Birth688}/claim", null)).EnsureSuccessStatusCode();
    }

    public Task<HttpClient> SignInAsync(string userName) => Factory.SignedInClientAsync(userName, EntryFactory.Password);

    /// <summary>Logs one case of the clerk's book over HTTP (flagged if asked).</summary>
    public async Task LogAsync(HttpClient clerk, string book, bool flagged = false)
    {
        var number = Next(book);
        var request = book == Marriage689
            ? SampleCases.Marriage(number) with { BookCode = book }
            : SampleCases.Birth(number, book);
        if (flagged)
        {
            request = request with { NeedsVerification = true, VerificationReason = VerificationReason.Illegible };
        }
        (await clerk.PostAsJsonAsync("/api/entries", request)).EnsureSuccessStatusCode();
    }

    public async Task SkipAsync(HttpClient clerk, string book) =>
        (await clerk.PostAsJsonAsync("/api/entries/skip", new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = book, EntryNumber = Next(book), Reason = SkipReason.EntryBlank }))
            .EnsureSuccessStatusCode();

    private int Next(string book)
    {
        lock (numbers)
        {
            return numbers[book] = numbers.GetValueOrDefault(book) + 1;
        }
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
