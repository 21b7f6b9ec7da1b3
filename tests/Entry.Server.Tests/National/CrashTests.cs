using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.NationalDb.Contracts;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Claims;
using Entry.Shared.Entries;
using Xunit.Abstractions;

namespace Entry.Server.Tests.National;

/// <summary>
/// Entry and the national stub as two real processes. A clerk logs a few hundred cases; while the dispatcher is part
/// way through them (the stub holding some, some requests in flight — a share stored by the stub but not yet answered)
/// the server is killed with SIGKILL, then started again on the same data directory. Every acknowledged case must end
/// up in the stub exactly once.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Cases = 300;
    private const string DemoPassword = "Demo-2026";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromMinutes(2);
    // While the clerk logs, the stub answers slowly so little is delivered; before the kill it speeds up, and half its
    // answers come only after the record is stored — the answers the kill loses.
    private static readonly FaultSettings WhileLogging = new() { LatencyMilliseconds = 2_000 };
    private static readonly FaultSettings BeforeKill = new() { LatencyMilliseconds = 100, SlowRate = 0.5, SlowMilliseconds = 1_500 };

    private readonly string root = Path.Combine(Path.GetTempPath(), "entry-crash-tests", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (TestDatabase.IsPostgreSql)
        {
            TestDatabase.Delete(Path.Combine(root, "server"));
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a dying process; the temp folder is cleaned eventually
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_acknowledged_case_reaches_the_national_side_exactly_once_after_a_SIGKILL_mid_dispatch()
    {
        var watch = Stopwatch.StartNew();
        await using var stub = await DotnetProcess.StartAsync("Entry.NationalDb.dll", DotnetProcess.FreePort(),
            ["--Stub:DataDirectory", Path.Combine(root, "stub"), "--Stub:Faults:LatencyMilliseconds", WhileLogging.LatencyMilliseconds.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" }, "/admin/stats", ReadyTimeout);
        using var national = new HttpClient { BaseAddress = stub.Address, Timeout = TimeSpan.FromSeconds(30) };
        var environment = ServerEnvironment(stub.Address, ClockOffset(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15)));

        List<CaseEntryResult> acknowledged;
        StubStats atKill;
        await using (var server = await DotnetProcess.StartAsync("Entry.Server.dll", DotnetProcess.FreePort(), [], environment, "/health/ready", ReadyTimeout))
        {
            output.WriteLine($"stub and server ready after {watch.Elapsed.TotalSeconds:0.0} s");
            using var clerk = await SignInAsync(server.Address, "clerk");
            acknowledged = await LogAsync(clerk, Cases);
            output.WriteLine($"{acknowledged.Count} cases acknowledged after {watch.Elapsed.TotalSeconds:0.0} s; the stub holds {(await StatsAsync(national)).Records}");

            (await national.PutAsJsonAsync("/admin/faults", BeforeKill)).EnsureSuccessStatusCode();
            await WaitUntilAsync(async () => (await StatsAsync(national)).Records >= Cases / 3, DeliveryTimeout,
                () => $"The stub never held a third of the cases before the kill:\n{server.Output}");
            await server.KillAsync();
            atKill = await StatsAsync(national);
        }
        output.WriteLine($"SIGKILL after {watch.Elapsed.TotalSeconds:0.0} s: the stub held {atKill.Records} of {Cases}");
        Assert.True(atKill.Records < Cases, $"The dispatcher had delivered all {Cases} cases before the kill: nothing was left to recover.");

        (await national.DeleteAsync("/admin/faults")).EnsureSuccessStatusCode();
        await using var restarted = await DotnetProcess.StartAsync("Entry.Server.dll", DotnetProcess.FreePort(), [], environment, "/health/ready", ReadyTimeout);
        using var admin = await SignInAsync(restarted.Address, "admin");
        JsonElement status = default;
        await WaitUntilAsync(async () => (status = await admin.GetFromJsonAsync<JsonElement>("/api/national/status")).GetProperty("backlog").GetInt32() == 0,
            DeliveryTimeout, () => $"The backlog did not reach 0 after the restart: {status}\n{restarted.Output}");
        var stats = await StatsAsync(national);
        output.WriteLine($"backlog 0 after {watch.Elapsed.TotalSeconds:0.0} s: stub records {stats.Records}, created {stats.Created}, replayed {stats.Replayed}, conflicts {stats.Conflicts}, rejected {stats.Rejected}");

        var held = new List<HeldRecord>();
        foreach (var book in acknowledged.Select(a => a.BookCode).Distinct())
        {
            held.AddRange((await national.GetFromJsonAsync<BookHoldings>($"/api/civil-records?bookCode={Uri.EscapeDataString(book)}"))!.Records);
        }
        var twice = held.GroupBy(r => r.SourceId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} cases are held more than once: {string.Join(", ", twice.Take(5))}");
        var missing = acknowledged.Select(a => a.Id).Except(held.Select(r => r.SourceId)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged cases never reached the stub: {string.Join(", ", missing.Take(5))}");
        Assert.Equal(Cases, stats.Records);
        Assert.Equal(Cases, stats.Created);
        Assert.Equal(Cases, status.GetProperty("synced").GetInt32());
        Assert.Equal(0, status.GetProperty("rejected").GetInt32());
    }

    /// <summary>
    /// The batched write path under a SIGKILL: the clerk keeps many cases in flight at once, so the ledger commits them in
    /// groups, and the server is killed while requests are in flight. Every case answered 201 before the kill is stored;
    /// retrying every case with its own id after the restart stores the rest once; the stub ends with each case once.
    /// </summary>
    [Fact]
    public async Task Cases_committed_in_groups_are_neither_lost_nor_duplicated_by_a_SIGKILL_while_requests_are_in_flight()
    {
        const int total = 400;
        const int inFlight = 24;
        await using var stub = await DotnetProcess.StartAsync("Entry.NationalDb.dll", DotnetProcess.FreePort(),
            ["--Stub:DataDirectory", Path.Combine(root, "stub")],
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" }, "/admin/stats", ReadyTimeout);
        using var national = new HttpClient { BaseAddress = stub.Address, Timeout = TimeSpan.FromSeconds(30) };
        var environment = ServerEnvironment(stub.Address, ClockOffset(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15)));

        var sent = new List<CaseEntryRequest>();
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<Guid, CaseEntryResult>();
        await using (var server = await DotnetProcess.StartAsync("Entry.Server.dll", DotnetProcess.FreePort(), [], environment, "/health/ready", ReadyTimeout))
        {
            using var clerk = await SignInAsync(server.Address, "clerk");
            var killed = new TaskCompletionSource();
            Task? kill = null;
            var killing = 0;
            while (!killed.Task.IsCompleted && sent.Count < total)
            {
                HttpResponseMessage claim;
                try
                {
                    claim = await clerk.PostAsync("/api/claims/next", null);
                }
                catch (HttpRequestException)
                {
                    break;
                }
                using var claimed = claim;
                Assert.True(claim.IsSuccessStatusCode, $"Claiming a book: {(int)claim.StatusCode} {await claim.Content.ReadAsStringAsync()}");
                var book = (await claim.Content.ReadFromJsonAsync<ClaimedBook>())!;
                var requests = Enumerable.Range(book.CasesLogged + book.CasesSkipped + 1, book.CaseCount - book.CasesLogged - book.CasesSkipped)
                    .Take(total - sent.Count).Select(n => CrashCases.For(book, n)).ToList();
                sent.AddRange(requests);
                // Many at once: the ledger gathers them into batches. Requests cut by the kill stay unacknowledged.
                var started = 0;
                await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (request, ct) =>
                {
                    Interlocked.Increment(ref started);
                    try
                    {
                        using var response = await clerk.PostAsJsonAsync("/api/entries", request, ct);
                        if (response.StatusCode == System.Net.HttpStatusCode.Created)
                        {
                            acknowledged[request.Id] = (await response.Content.ReadFromJsonAsync<CaseEntryResult>(ct))!;
                            // Killed from inside the burst, while this book still has cases not sent: some are always cut.
                            if (acknowledged.Count >= total / 3 && Volatile.Read(ref started) < requests.Count
                                && Interlocked.Exchange(ref killing, 1) == 0)
                            {
                                kill = Task.Run(async () => { await server.KillAsync(); killed.SetResult(); });
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // the server died under the request
                    }
                });
            }
            Assert.True(kill is not null, $"The server was never killed: {acknowledged.Count} of {sent.Count} acknowledged.\n{server.Output}");
            await kill;
        }
        output.WriteLine($"SIGKILL with {acknowledged.Count} of {sent.Count} sent cases acknowledged");
        Assert.True(acknowledged.Count < sent.Count, "Every case was answered before the kill: no request was in flight.");

        await using var restarted = await DotnetProcess.StartAsync("Entry.Server.dll", DotnetProcess.FreePort(), [], environment, "/health/ready", ReadyTimeout);
        using (var clerk = await SignInAsync(restarted.Address, "clerk"))
        {
            foreach (var request in sent)
            {
                using var retry = await clerk.PostAsJsonAsync("/api/entries", request);
                // A case stored before the kill answers 200 with its first result; one that was not stored is stored now.
                var expected = acknowledged.ContainsKey(request.Id) ? System.Net.HttpStatusCode.OK : retry.StatusCode;
                Assert.True(retry.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Created,
                    $"Retrying {request.BookCode} #{request.EntryNumber}: {(int)retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
                Assert.Equal(expected, retry.StatusCode);
            }
        }
        using var admin = await SignInAsync(restarted.Address, "admin");
        JsonElement status = default;
        await WaitUntilAsync(async () => (status = await admin.GetFromJsonAsync<JsonElement>("/api/national/status")).GetProperty("backlog").GetInt32() == 0,
            DeliveryTimeout, () => $"The backlog did not reach 0 after the restart: {status}\n{restarted.Output}");
        var held = new List<HeldRecord>();
        foreach (var book in sent.Select(a => a.BookCode!).Distinct())
        {
            held.AddRange((await national.GetFromJsonAsync<BookHoldings>($"/api/civil-records?bookCode={Uri.EscapeDataString(book)}"))!.Records);
        }
        var twice = held.GroupBy(r => r.SourceId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} cases are held more than once");
        var missing = sent.Select(r => r.Id).Except(held.Select(r => r.SourceId)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} cases never reached the stub");
        var stats = await StatsAsync(national);
        Assert.Equal(sent.Count, stats.Records);
        Assert.Equal(sent.Count, status.GetProperty("synced").GetInt32());
        // The counters were summed per batch: they agree with the rows.
        var province = await admin.GetFromJsonAsync<JsonElement>("/api/progress");
        Assert.Equal(sent.Count, province.GetProperty("entered").GetInt32());
        Assert.Equal(sent.Count, province.GetProperty("synced").GetInt32());
    }

    private Dictionary<string, string> ServerEnvironment(Uri stub, TimeSpan offset) => new(TestDatabase.Environment(Path.Combine(root, "server")))
    {
        ["Entry__Demo__Enabled"] = "true",
        ["Entry__Clock__Offset"] = offset.ToString("c", CultureInfo.InvariantCulture),
        ["NationalDb__BaseUrl"] = stub.ToString(),
        // Small batches, two at a time: the push then takes seconds, so the kill lands mid-dispatch however idle the
        // machine is (with the default 200 × 8 one round carried every case, and an idle machine delivered all before the kill).
        ["NationalDb__Dispatch__BatchSize"] = "5",
        ["NationalDb__Dispatch__Parallelism"] = "2",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>Zero while a shift stays open long enough; otherwise the offset that puts the server a minute into the next shift.</summary>
    internal static TimeSpan ClockOffset(DateTimeOffset now, TimeSpan needed)
    {
        if (ShiftCalendar.OpenAt(now) is { } open && open.Ends > now + needed)
        {
            return TimeSpan.Zero;
        }
        var target = ShiftCalendar.NextAfter(now).Starts + TimeSpan.FromMinutes(1);
        return TimeSpan.FromMinutes(Math.Ceiling((target - now).TotalMinutes));
    }

    /// <summary>The demo clerk (rostered on every shift) logs <paramref name="count"/> cases, claiming book after book.</summary>
    private static async Task<List<CaseEntryResult>> LogAsync(HttpClient clerk, int count)
    {
        var results = new List<CaseEntryResult>();
        ClaimedBook? book = null;
        var next = 0;
        while (results.Count < count)
        {
            if (book is null || next > book.CaseCount)
            {
                using var claim = await clerk.PostAsync("/api/claims/next", null);
                Assert.True(claim.IsSuccessStatusCode, $"Claiming a book: {(int)claim.StatusCode} {await claim.Content.ReadAsStringAsync()}");
                book = (await claim.Content.ReadFromJsonAsync<ClaimedBook>())!;
                next = book.CasesLogged + book.CasesSkipped + 1;
                continue;
            }
            using var response = await clerk.PostAsJsonAsync("/api/entries", CrashCases.For(book, next));
            Assert.True(response.IsSuccessStatusCode, $"Logging {book.Code} #{next}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            results.Add((await response.Content.ReadFromJsonAsync<CaseEntryResult>())!);
            next++;
        }
        return results;
    }

    internal static async Task<HttpClient> SignInAsync(Uri server, string userName)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new LoginRequest(userName, DemoPassword));
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<StubStats> StatsAsync(HttpClient national) => (await national.GetFromJsonAsync<StubStats>("/admin/stats"))!;

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string> failure)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail(failure());
            }
            await Task.Delay(50);
        }
    }
}
