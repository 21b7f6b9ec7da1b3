using System.Net;
using System.Net.Http.Json;
using Entry.Server.Data;
using Entry.Server.Features.Live;
using Entry.Server.Features.Sprint;
using Entry.Server.Tests.Claims;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Claims;
using Entry.Shared.Entries;
using Entry.Shared.Live;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Live;

/// <summary>
/// Cases and book changes of the <see cref="ClaimWorld"/> team (Phường Thác Mơ 25216, district 688) reach the subscribers
/// of its scopes, coalesced, and nobody else.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class LiveEventsTests
{
    private const string Unit = "unit:25216";
    private const string District = "district:688";
    private const string OtherDistrict = "district:689";

    [Fact]
    public async Task Cases_logged_reach_the_team_unit_district_and_province_and_not_another_district()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var team = ScopeKey.Team(world.TeamId).Name;
        await using var watcher = await LiveClient.ConnectAsync(world.Factory, await world.Factory.AdminAsync());
        foreach (var scope in new[] { team, Unit, District, ScopeKey.Province.Name })
        {
            await watcher.SubscribeAsync(scope);
        }
        await using var elsewhere = await DistrictMonitorAsync(world.Factory, "689");
        await elsewhere.SubscribeAsync(OtherDistrict);

        var clerk = await world.ClerkAsync("c1");
        var book = await ClaimNextAsync(clerk);
        await LogAsync(world.Factory, clerk, book, 1, 2);
        await LogAsync(world.Factory, clerk, book, 3, 3, flagged: true);

        foreach (var scope in new[] { team, Unit, District, ScopeKey.Province.Name })
        {
            await Local.EventuallyAsync(() => Task.FromResult(watcher.AddedIn(scope) == 3 && watcher.LatestProgress(scope)?.Total.Entered == 3), $"3 cases in {scope}");
            var lines = watcher.Cases.Where(b => b.Scope == scope).SelectMany(b => b.Books).ToList();
            Assert.All(lines, l => Assert.Equal((world.TeamId, "25216", book, BookType.Birth, "c1", "c1", 40), (l.TeamId, l.UnitCode, l.BookCode, l.Type, l.ClerkUserName, l.ClerkName, l.CaseCount)));
            Assert.Equal(3, lines.Max(l => l.CasesLogged));
            Assert.Equal(1, lines.Sum(l => l.Flagged));
            var progress = watcher.LatestProgress(scope)!;
            // Synced follows the embedded national-database stub in the background: not this test's concern.
            Assert.Equal(new ProgressCounts(3, 1, 0, 0), progress.Total with { Synced = 0, Rejected = 0 });
            Assert.Equal(3, progress.ByType.Single(t => t.Type == BookType.Birth).Counts.Entered);
        }

        // Something for district 689 after the cases: once it arrives, whatever 688 sent to that connection would have too.
        world.Factory.Services.GetRequiredService<ISprintEvents>().ProgressChanged(new SprintPlace(999_999, "25195", "689"));
        await Local.EventuallyAsync(() => Task.FromResult(!elsewhere.Progress.IsEmpty), "district 689's own message");
        Assert.Empty(elsewhere.Cases);
        Assert.Empty(elsewhere.Books);
        Assert.All(elsewhere.Progress, p => Assert.Equal((OtherDistrict, 0L), (p.Scope, p.Total.Entered)));
    }

    [Fact]
    public async Task Books_claimed_released_and_finished_are_told_to_the_team()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var team = ScopeKey.Team(world.TeamId).Name;
        await using var leader = await LiveClient.ConnectAsync(world.Factory, await world.Factory.AdminAsync());
        await leader.SubscribeAsync(team);
        var first = await world.ClerkAsync("c1");
        var second = await world.ClerkAsync("c2");

        var book = await ClaimNextAsync(first);
        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync($"/api/books/{book}/release", null)).StatusCode);
        var again = await ClaimNextAsync(second);
        await LogAsync(world.Factory, second, again, 1, 40);

        await Local.EventuallyAsync(() => Task.FromResult(leader.Books.SelectMany(b => b.Changes).Count() >= 4), "four book changes");
        var changes = leader.Books.SelectMany(b => b.Changes).ToList();
        Assert.Equal(
            [(BookChangeKind.Claimed, book, "c1"), (BookChangeKind.Released, book, "c1"), (BookChangeKind.Claimed, again, "c2"), (BookChangeKind.Finished, again, "c2")],
            changes.Select(c => (c.Kind, c.BookCode, c.ClerkUserName)).ToList());
        Assert.Equal((40, 40), (changes[^1].CasesLogged, changes[^1].CaseCount));
        Assert.All(changes, c => Assert.Equal((world.TeamId, "25216"), (c.TeamId, c.UnitCode)));
    }

    [Fact]
    public async Task Subscribing_again_after_a_reconnect_answers_the_counts_including_what_was_missed()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var team = ScopeKey.Team(world.TeamId).Name;
        var admin = await world.Factory.AdminAsync();
        var clerk = await world.ClerkAsync("c1");
        var book = await ClaimNextAsync(clerk);

        await using (var before = await LiveClient.ConnectAsync(world.Factory, admin))
        {
            Assert.Equal(0, (await before.SubscribeAsync(team)).Total.Entered);
            await LogAsync(world.Factory, clerk, book, 1, 3);
            await Local.EventuallyAsync(() => Task.FromResult(before.LatestProgress(team)?.Total.Entered == 3), "3 cases live");
        }
        await LogAsync(world.Factory, clerk, book, 4, 5);
        await using var after = await LiveClient.ConnectAsync(world.Factory, admin);

        var snapshot = await after.SubscribeAsync(team);

        Assert.Equal(team, snapshot.Scope);
        Assert.Equal(5, snapshot.Total.Entered);
        Assert.Equal(5, snapshot.ByType.Single(t => t.Type == BookType.Birth).Counts.Entered);
        Assert.Equal(Enum.GetValues<BookType>().Length, snapshot.ByType.Count);
    }

    [Fact]
    public async Task A_burst_of_200_cases_arrives_as_a_few_batches_adding_up_to_200()
    {
        var desk = new EntryDesk();
        // A slower pace than the default, so the count of batches does not depend on how fast this machine posts.
        desk.Factory.MoreServices.Add(services => services.Configure<LiveOptions>(o => o.FlushMilliseconds = 1000));
        await desk.InitializeAsync();
        try
        {
            await using var watcher = await LiveClient.ConnectAsync(desk.Factory, await desk.Factory.AdminAsync());
            await watcher.SubscribeAsync(ScopeKey.Province.Name);

            foreach (var chunk in Enumerable.Range(0, 200).Select(_ => desk.NextNumber()).Chunk(20))
            {
                var answers = await Task.WhenAll(chunk.Select(n => desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(n))));
                Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
            }

            await Local.EventuallyAsync(() => Task.FromResult(watcher.LatestProgress(ScopeKey.Province.Name)?.Total.Entered == 200), "200 cases counted");
            var batches = watcher.Cases.Where(b => b.Scope == ScopeKey.Province.Name).ToList();
            Assert.Equal(200, batches.Sum(b => b.Books.Sum(l => l.Added)));
            Assert.InRange(batches.Count, 1, 40);
            Assert.All(batches, b => Assert.Equal(EntryDesk.Books.Birth, Assert.Single(b.Books).BookCode));
            Assert.Equal(200, batches[^1].Books[0].CasesLogged);
            Assert.True(watcher.Progress.Count <= batches.Count);
        }
        finally
        {
            await desk.DisposeAsync();
        }
    }

    private static async Task<LiveClient> DistrictMonitorAsync(EntryFactory factory, string district)
    {
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>()
                .EnsureUserAsync($"monitor-{district}", "District monitor", EntryFactory.Password, Roles.Monitor, district);
        }
        return await LiveClient.ConnectAsync(factory, await factory.SignedInClientAsync($"monitor-{district}", EntryFactory.Password));
    }

    internal static async Task<string> ClaimNextAsync(HttpClient clerk)
    {
        var claimed = await clerk.PostAsync("/api/claims/next", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        return (await claimed.Content.ReadFromJsonAsync<ClaimedBook>())!.Code;
    }

    internal static async Task LogAsync(EntryFactory factory, HttpClient clerk, string book, int from, int to, bool flagged = false)
    {
        // A registration date inside the book's period, a birth before it.
        var opened = await factory.WithDbAsync(db => db.Books.Where(b => b.Code == book).Select(b => b.RegisteredFrom).SingleAsync());
        for (var number = from; number <= to; number++)
        {
            var birth = SampleCases.Birth(number, book);
            var request = birth with
            {
                RegistrationDate = opened.AddDays(20),
                Birth = birth.Birth! with { DateOfBirth = opened.AddDays(5) },
                NeedsVerification = flagged,
                VerificationReason = flagged ? VerificationReason.Illegible : null,
            };
            var answer = await clerk.PostAsJsonAsync("/api/entries", request);
            Assert.True(answer.StatusCode == HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        }
    }
}
