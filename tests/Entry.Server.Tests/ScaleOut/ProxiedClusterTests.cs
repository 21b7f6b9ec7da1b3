#if ENTRY_POSTGRESQL
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entry.NationalDb.Contracts;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.National;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Claims;
using Entry.Shared.Entries;
using Entry.Shared.Live;
using Entry.Shared.Shifts;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Entry.Server.Tests.ScaleOut;

/// <summary>
/// Two Entry processes on PostgreSQL and Redis behind nginx (<see cref="ProxiedCluster"/>): what one instance does reaches
/// the other's clients, a race across instances has one winner, a SIGKILL of one loses and duplicates nothing, and the
/// clustered scheduler fires a shift boundary once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ProxiedClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_case_logged_on_A_reaches_a_dashboard_connected_to_B()
    {
        await using var cluster = await ProxiedCluster.StartAsync(ProxiedCluster.OffsetIntoAShift(TimeSpan.FromMinutes(10)));
        using var monitor = await ProxiedCluster.SignInAsync(cluster.B.Address, "monitor");
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.B.Address, "hubs/sprint"), o => o.AccessTokenProvider = () => Task.FromResult(monitor.DefaultRequestHeaders.Authorization?.Parameter))
            .Build();
        var cases = new ConcurrentQueue<CasesLoggedBatch>();
        live.On<CasesLoggedBatch>(nameof(ISprintClient.CasesLogged), cases.Enqueue);
        await live.StartAsync();
        await live.InvokeAsync<ProgressSnapshot>(SprintHub.Subscribe, "province");

        using var clerk = await ProxiedCluster.SignInAsync(cluster.A.Address, "clerk");
        var book = await ClaimAsync(clerk);
        for (var number = book.CasesLogged + book.CasesSkipped + 1; number <= book.CasesLogged + book.CasesSkipped + 3; number++)
        {
            (await clerk.PostAsJsonAsync("/api/entries", CrashCases.For(book, number))).EnsureSuccessStatusCode();
        }

        await EventuallyAsync(() => Task.FromResult(cases.Sum(b => b.Books.Sum(l => l.Added)) == 3), "B's connection received the 3 cases logged on A");
    }

    [Fact]
    public async Task Fifty_parallel_claims_of_one_book_split_across_both_instances_have_exactly_one_winner()
    {
        await using var cluster = await ProxiedCluster.StartAsync(ProxiedCluster.OffsetIntoAShift(TimeSpan.FromMinutes(10)));
        string target;
        // A book of the demo team's queue: the one the demo clerk is given, handed back.
        using (var first = await ProxiedCluster.SignInAsync(cluster.Proxy.Address, "clerk"))
        {
            var given = await ClaimAsync(first);
            (await first.PostAsync($"/api/books/{given.Code}/release", null)).EnsureSuccessStatusCode();
            target = given.Code;
        }
        // The demo team's members (the demo clerk and u689-02…u689-11: those not on this shift are refused), signed in
        // on both instances.
        var names = new[] { "clerk" }.Concat(Enumerable.Range(2, 10).Select(i => $"u689-{i:00}")).ToList();
        var clients = new List<HttpClient>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            clients.Add(await ProxiedCluster.SignInAsync(i % 2 == 0 ? cluster.A.Address : cluster.B.Address, name));
        }

        // 50 claims at once, each clerk sending several, half to A and half to B.
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var clerk = i % clients.Count;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(i % 2 == 0 ? cluster.A.Address : cluster.B.Address, $"api/books/{target}/claim"));
            request.Headers.Authorization = clients[clerk].DefaultRequestHeaders.Authorization;
            using var answer = await clients[clerk].SendAsync(request);
            return (Clerk: clerk, answer.StatusCode);
        }));

        output.WriteLine(string.Join(", ", answers.GroupBy(a => a.StatusCode).Select(g => $"{(int)g.Key}×{g.Count()}")));
        // One clerk won (their own repeated requests are answered with the book they hold); everyone else was refused.
        Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.OK).Select(a => a.Clerk).Distinct());
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.True(a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden, $"{a}"));
        var holders = 0;
        foreach (var client in clients)
        {
            using var mine = await client.GetAsync("/api/claims/mine");
            if (mine.StatusCode == HttpStatusCode.OK && (await mine.Content.ReadFromJsonAsync<ClaimedBook>())!.Code == target)
            {
                holders++;
            }
        }
        Assert.Equal(1, holders);
    }

    [Fact]
    public async Task A_SIGKILL_of_A_while_clerks_log_through_the_proxy_loses_and_duplicates_nothing()
    {
        const int perClerk = 50;
        await using var cluster = await ProxiedCluster.StartAsync(ProxiedCluster.OffsetIntoAShift(TimeSpan.FromMinutes(15)));
        // The demo clerk is on every shift; of the team's others, those on this shift join in.
        var names = new[] { "clerk" }.Concat(Enumerable.Range(2, 10).Select(i => $"u689-{i:00}")).ToList();
        // Each acknowledged case and its book.
        var acknowledged = new ConcurrentDictionary<Guid, string>();
        var logged = 0;
        var killAt = perClerk / 2;
        var kill = new TaskCompletionSource();

        async Task ClerkAsync(string name)
        {
            using var clerk = await ProxiedCluster.SignInAsync(cluster.Proxy.Address, name);
            ClaimedBook? book = null;
            var next = 0;
            var done = 0;
            while (done < perClerk)
            {
                if (book is null || next > book.CaseCount)
                {
                    book = (await RetryAsync(() => ClaimOrKeepAsync(clerk))).Book;
                    if (book is null)
                    {
                        // Not on this shift (or nothing left for them): this clerk sits it out.
                        return;
                    }
                    next = book.CasesLogged + book.CasesSkipped + 1;
                    continue;
                }
                var request = CrashCases.For(book, next);
                // The same case (its own id) again until the answer arrives: through the proxy to whichever instance lives.
                var stored = await RetryAsync(async () =>
                {
                    using var answer = await clerk.PostAsJsonAsync("/api/entries", request);
                    return answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK ? (await answer.Content.ReadFromJsonAsync<CaseEntryResult>())! : null;
                });
                acknowledged[stored!.Id] = stored.BookCode;
                next++;
                done++;
                if (Interlocked.Increment(ref logged) == killAt)
                {
                    kill.TrySetResult();
                }
            }
        }

        var clerks = names.Select(ClerkAsync).ToList();
        await Task.WhenAny(kill.Task, Task.WhenAll(clerks));
        await cluster.A.KillAsync();
        output.WriteLine($"A killed after {Volatile.Read(ref logged)} acknowledged cases");
        await Task.WhenAll(clerks);
        Assert.True(acknowledged.Count >= perClerk, $"only {acknowledged.Count} cases were logged");
        output.WriteLine($"{acknowledged.Count} cases acknowledged in all");

        using var admin = await ProxiedCluster.SignInAsync(cluster.B.Address, "admin");
        JsonElement status = default;
        await EventuallyAsync(async () => (status = await admin.GetFromJsonAsync<JsonElement>("/api/national/status")).GetProperty("backlog").GetInt32() == 0,
            "the backlog empties on B");
        var held = new List<HeldRecord>();
        foreach (var book in acknowledged.Values.Distinct())
        {
            held.AddRange((await cluster.National.GetFromJsonAsync<BookHoldings>($"/api/civil-records?bookCode={Uri.EscapeDataString(book)}"))!.Records);
        }
        Assert.DoesNotContain(held.GroupBy(r => r.SourceId), g => g.Count() > 1);
        Assert.Empty(acknowledged.Keys.Except(held.Select(r => r.SourceId)));
        var stats = await cluster.StatsAsync();
        output.WriteLine($"stub: records {stats.Records}, created {stats.Created}, replayed {stats.Replayed}, conflicts {stats.Conflicts}");
        Assert.Equal(acknowledged.Count, stats.Created);
    }

    [Fact]
    public async Task A_shift_boundary_missed_while_both_instances_were_down_is_caught_up_once_and_the_next_fires_once()
    {
        await using var cluster = await ProxiedCluster.StartAsync(ProxiedCluster.OffsetIntoAShift(TimeSpan.FromMinutes(10)));

        // Both down; a boundary passes; both start together, their clocks two minutes after it: it is recorded once.
        var missed = ShiftCalendar.NextAfter(DateTimeOffset.UtcNow + cluster.ClockOffset).Starts;
        await cluster.RestartBothAsync(Rounded(missed + TimeSpan.FromMinutes(2) - DateTimeOffset.UtcNow));
        using (var admin = await ProxiedCluster.SignInAsync(cluster.Proxy.Address, "admin"))
        {
            var log = (await admin.GetFromJsonAsync<List<ShiftLogEntry>>("/api/shifts/log?days=2"))!;
            var atMissed = log.Where(e => e.DueAt == ShiftCalendar.ToLocal(missed)).ToList();
            Assert.NotEmpty(atMissed);
            Assert.All(atMissed, e => Assert.True(e.CaughtUp));
            Assert.Equal(atMissed.Count, atMissed.Select(e => (e.Date, e.Shift, e.Transition)).Distinct().Count());
        }

        // Both up, their clocks 45 s before the next boundary: the clustered scheduler fires it on one of them.
        var next = ShiftCalendar.NextAfter(missed + TimeSpan.FromMinutes(1)).Starts;
        await cluster.RestartBothAsync(Rounded(next - TimeSpan.FromSeconds(45) - DateTimeOffset.UtcNow));
        var trigger = $"shift-clock-{ShiftCalendar.ToLocal(next):HHmm}";
        await EventuallyAsync(() => Task.FromResult(Runs(cluster.A.Output, trigger) + Runs(cluster.B.Output, trigger) > 0), $"{trigger} fired", seconds: 150);
        await Task.Delay(TimeSpan.FromSeconds(10));
        output.WriteLine($"{trigger}: A ran it {Runs(cluster.A.Output, trigger)} times, B {Runs(cluster.B.Output, trigger)}");
        Assert.Equal(1, Runs(cluster.A.Output, trigger) + Runs(cluster.B.Output, trigger));
        using var again = await ProxiedCluster.SignInAsync(cluster.Proxy.Address, "admin");
        var after = (await again.GetFromJsonAsync<List<ShiftLogEntry>>("/api/shifts/log?days=2"))!;
        var atNext = after.Where(e => e.DueAt == ShiftCalendar.ToLocal(next)).ToList();
        Assert.NotEmpty(atNext);
        Assert.Equal(atNext.Count, atNext.Select(e => (e.Date, e.Shift, e.Transition)).Distinct().Count());
    }

    private static TimeSpan Rounded(TimeSpan offset) => TimeSpan.FromSeconds(Math.Round(offset.TotalSeconds));

    private static int Runs(string output, string trigger) => Regex.Count(output, $@"Shift clock run by {trigger}:");

    private static async Task<ClaimedBook> ClaimAsync(HttpClient clerk)
    {
        using var claim = await clerk.PostAsync("/api/claims/next", null);
        if (claim.StatusCode == HttpStatusCode.Conflict)
        {
            return (await clerk.GetFromJsonAsync<ClaimedBook>("/api/claims/mine"))!;
        }
        Assert.True(claim.IsSuccessStatusCode, $"{(int)claim.StatusCode} {await claim.Content.ReadAsStringAsync()}");
        return (await claim.Content.ReadFromJsonAsync<ClaimedBook>())!;
    }

    /// <summary>The book the clerk holds, else the next one; none when they may claim none now.</summary>
    private static async Task<(ClaimedBook? Book, bool Answered)> ClaimOrKeepAsync(HttpClient clerk)
    {
        using var mine = await clerk.GetAsync("/api/claims/mine");
        if (mine.StatusCode == HttpStatusCode.OK)
        {
            var held = (await mine.Content.ReadFromJsonAsync<ClaimedBook>())!;
            if (held.CasesLogged + held.CasesSkipped < held.CaseCount)
            {
                return (held, true);
            }
            (await clerk.PostAsync($"/api/books/{held.Code}/release", null)).Dispose();
        }
        using var claim = await clerk.PostAsync("/api/claims/next", null);
        if (claim.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return (null, true);
        }
        return claim.IsSuccessStatusCode ? ((await claim.Content.ReadFromJsonAsync<ClaimedBook>())!, true) : throw new HttpRequestException($"claim: {(int)claim.StatusCode}");
    }

    /// <summary>Tries again while the instance behind the proxy is dying (a refused connection, a 502, a timeout).</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var result = await attempt();
                if (result is not null)
                {
                    return result;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && watch.Elapsed < Deadline)
            {
            }
            if (watch.Elapsed > Deadline)
            {
                throw new TimeoutException("no answer through the proxy");
            }
            await Task.Delay(200);
        }
    }

    private static Task EventuallyAsync(Func<Task<bool>> outcome, string what, int seconds = 120) => Local.EventuallyAsync(outcome, what, seconds);
}

/// <summary>The cluster tests start three processes and a proxy each: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Proxied cluster";
}
#endif
