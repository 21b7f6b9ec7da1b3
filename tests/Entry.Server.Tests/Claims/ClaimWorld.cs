using System.Net.Http.Json;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Teams;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Claims;

/// <summary>
/// A server whose clock stands at 09:00 local (shift 1) on <see cref="Day"/>, with a team of Phường Thác Mơ (25216)
/// whose clerks are rostered on shift 1, a clerk of another team, and six books queued for the team.
/// </summary>
public sealed class ClaimWorld : IAsyncDisposable
{
    public static readonly DateOnly Day = new(2026, 11, 24);

    private ClaimWorld(ClockedFactory factory) => Factory = factory;

    public ClockedFactory Factory { get; }
    public int TeamId { get; private set; }
    public IReadOnlyList<string> QueuedBooks { get; private set; } = [];
    public string OtherTeamsBook { get; private set; } = "";

    public static async Task<ClaimWorld> CreateAsync(int clerks = 3, IReadOnlyDictionary<string, string>? settings = null)
    {
        var world = new ClaimWorld(new ClockedFactory(Local.At(Day, 9, 0), clockEnabled: false));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            world.Factory.Settings[key] = value;
        }
        var factory = world.Factory;
        var admin = await factory.AdminAsync();
        for (var i = 1; i <= clerks; i++)
        {
            await factory.ClientAsAsync(Roles.Clerk, $"c{i}");
        }
        await factory.ClientAsAsync(Roles.Clerk, "outsider");

        var p = Guid.NewGuid().ToString("N")[..6];
        var rows = Enumerable.Range(1, 6).Select(i => $"Q{p}-{i},25216,birth,{i},19{70 + i}-01-01,19{70 + i}-12-31,40,good")
            .Append($"O{p}-1,25217,birth,1,1970-01-01,1970-12-31,40,good");
        await admin.PostAsync("/api/books/import", Csv.Body(rows.ToArray()));

        await factory.WithDbAsync(async db =>
        {
            var users = await db.Users.Where(u => u.UserName!.StartsWith("c") || u.UserName == "outsider").ToDictionaryAsync(u => u.UserName!, u => u.Id);
            var team = new Team { Name = "Tổ Thác Mơ", UnitCode = "25216", Computers = 20 };
            var other = new Team { Name = "Tổ Long Thủy", UnitCode = "25217", Computers = 20 };
            db.Teams.AddRange(team, other);
            await db.SaveChangesAsync();
            for (var i = 1; i <= clerks; i++)
            {
                db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = users[$"c{i}"], Category = MemberCategory.Other });
                db.RosterEntries.Add(new RosterEntry { TeamId = team.Id, Date = Day, Shift = 1, UserId = users[$"c{i}"] });
            }
            db.TeamMembers.Add(new TeamMember { TeamId = other.Id, UserId = users["outsider"], Category = MemberCategory.Other });
            db.RosterEntries.Add(new RosterEntry { TeamId = other.Id, Date = Day, Shift = 1, UserId = users["outsider"] });
            await db.SaveChangesAsync();
            world.TeamId = team.Id;
            return 0;
        });
        await admin.PostAsync("/api/assignment/recompute", null);
        world.QueuedBooks = await factory.WithDbAsync(db => db.Books.Where(b => b.TeamId == world.TeamId).OrderBy(b => b.QueuePosition).Select(b => b.Code).ToListAsync());
        world.OtherTeamsBook = $"O{p}-1";
        return world;
    }

    public Task<HttpClient> ClerkAsync(string name) => Factory.SignedInClientAsync(name, EntryFactory.Password);

    public Task<BookStatus> StatusOfAsync(string code) => Factory.WithDbAsync(db => db.Books.Where(b => b.Code == code).Select(b => b.Status).SingleAsync());

    public Task<int> ClaimsOnAsync(string code) => Factory.WithDbAsync(db => db.Claims.CountAsync(c => c.Book!.Code == code));

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
