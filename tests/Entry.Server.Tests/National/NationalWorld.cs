using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.National;

/// <summary>
/// Entry talking over real HTTP to a national-database stub of its own, with resilience and dispatch settings short
/// enough for tests. Entry's clock is moved (<c>Entry:Clock:Offset</c>) to 09:00 local tomorrow and keeps flowing, so
/// shift 1 is open and the dispatcher's backoff runs as in production. A team of unit 70 has clerks rostered on that
/// shift, each holding one birth book; its second civil-registry officer corrects cases.
/// </summary>
public sealed class NationalWorld : IAsyncDisposable
{
    private NationalWorld(StubServer stub, NationalFactory factory)
    {
        Stub = stub;
        Factory = factory;
    }

    public StubServer Stub { get; }
    public NationalFactory Factory { get; }
    public int TeamId { get; private set; }
    /// <summary>The clerks, each holding <see cref="Books"/> at the same index.</summary>
    public IReadOnlyList<HttpClient> Clerks { get; private set; } = [];
    public IReadOnlyList<string> Books { get; private set; } = [];
    /// <summary>A civil-registry officer of the team: sees the correction queue and corrects any case of the team.</summary>
    public HttpClient Officer { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    /// <param name="clerks">Clerks logging in parallel (at most 5).</param>
    /// <param name="casesPerBook">The case count of each clerk's book.</param>
    /// <param name="settings"><c>NationalDb:*</c> settings other than the factory's (e.g. <c>Dispatch:RetryMaxSeconds</c>).</param>
    public static async Task<NationalWorld> CreateAsync(int clerks = 1, int casesPerBook = 50, IReadOnlyDictionary<string, object>? settings = null)
    {
        var stub = new StubServer();
        await stub.InitializeAsync();
        var world = new NationalWorld(stub, new NationalFactory(stub.BaseAddress, settings));
        await world.SetUpAsync(clerks, casesPerBook);
        return world;
    }

    private async Task SetUpAsync(int clerks, int casesPerBook)
    {
        Admin = await Factory.AdminAsync();
        var team = await TeamSetup.CreateAsync(Factory, "nat", computers: 10);
        TeamId = team.Id;
        string[] clerkNames = [team.Other1, team.Other2, team.Other3, team.Police1, team.Police2];
        var names = clerkNames.Take(clerks).ToList();

        var p = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var books = Enumerable.Range(1, clerks).Select(i => $"KS-N{p}-{i}").ToList();
        var imported = await Admin.PostAsync("/api/books/import",
            Csv.Body(books.Select((code, i) => $"{code},{TeamSetup.Unit},birth,{i + 1},1990-01-01,2018-12-31,{casesPerBook},good").ToArray()));
        imported.EnsureSuccessStatusCode();

        await Factory.WithDbAsync(async db =>
        {
            var rostered = clerkNames.Append(team.Civil).Append(team.LeaderName).ToList();
            var ids = await db.Users.Where(u => rostered.Contains(u.UserName!)).Select(u => u.Id).ToListAsync();
            db.RosterEntries.AddRange(ids.Select(id => new RosterEntry { TeamId = team.Id, Date = Factory.Day, Shift = 1, UserId = id }));
            return await db.SaveChangesAsync();
        });
        (await Admin.PostAsync("/api/assignment/recompute", null)).EnsureSuccessStatusCode();

        var signedIn = new List<HttpClient>();
        for (var i = 0; i < clerks; i++)
        {
            var clerk = await Factory.SignedInClientAsync(names[i], EntryFactory.Password);
            var claimed = await clerk.PostAsync($"/api/books/{books[i]}/claim", null);
            Assert.True(claimed.IsSuccessStatusCode, $"claim of {books[i]}: {claimed.StatusCode} {await claimed.Content.ReadAsStringAsync()}");
            signedIn.Add(clerk);
        }
        Clerks = signedIn;
        Books = books;
        Officer = await Factory.SignedInClientAsync(team.Civil, EntryFactory.Password);
    }

    /// <summary>Logs a case through the API and expects it stored.</summary>
    public async Task<CaseEntryRequest> LogAsync(int clerk, CaseEntryRequest request)
    {
        var response = await Clerks[clerk].PostAsJsonAsync("/api/entries", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return request;
    }

    /// <summary>A valid birth case of the clerk's book.</summary>
    public CaseEntryRequest Birth(int clerk, int number) => SampleCases.Birth(number, Books[clerk]);

    public async Task<NationalStatus> StatusAsync() => (await Admin.GetFromJsonAsync<NationalStatus>("/api/national/status"))!;

    /// <summary>Waits until nothing is left to send and <paramref name="synced"/> cases are synced.</summary>
    public Task AllSyncedAsync(int synced, int seconds = 30) => Local.EventuallyAsync(async () =>
    {
        var status = await StatusAsync();
        return status.Backlog == 0 && status.Synced == synced;
    }, $"backlog 0 and {synced} synced", seconds);

    public Task<Dictionary<NationalSyncState, int>> StatesAsync() => Factory.WithDbAsync(db =>
        db.CaseEntries.GroupBy(e => e.NationalState).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    public static string KeyOf(Guid caseId, int version) => $"{caseId:N}-v{version}";

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Stub.DisposeAsync();
    }
}

/// <summary>Entry pointed at an external national database, with short timeouts, retries, breaks and backoff.</summary>
public sealed class NationalFactory(Uri nationalDb, IReadOnlyDictionary<string, object>? settings = null) : EntryFactory
{
    /// <summary>Tomorrow's local date: 09:00 of it is "now" on this server, whatever the hour the tests run at.</summary>
    public DateOnly Day { get; } = ShiftCalendar.LocalDate(DateTimeOffset.UtcNow).AddDays(1);

    public const int AttemptTimeoutSeconds = 1;
    public const int MaxRetries = 2;
    public const int MaxDelayMilliseconds = 1_000;
    public const int CircuitMinimumThroughput = 10;
    public const int CircuitBreakSeconds = 1;
    public const int Parallelism = 8;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var offset = Local.At(Day, 9, 0) - DateTimeOffset.UtcNow;
        builder.UseSetting("Entry:Clock:Offset", offset.ToString("c", CultureInfo.InvariantCulture));
        builder.UseSetting("Entry:Shifts:Enabled", "false");
        builder.UseSetting("NationalDb:BaseUrl", nationalDb.ToString());
        foreach (var (key, value) in new Dictionary<string, object>
                 {
                     ["Resilience:AttemptTimeoutSeconds"] = AttemptTimeoutSeconds,
                     ["Resilience:TotalTimeoutSeconds"] = 10,
                     ["Resilience:MaxRetries"] = MaxRetries,
                     ["Resilience:BaseDelayMilliseconds"] = 100,
                     ["Resilience:MaxDelayMilliseconds"] = MaxDelayMilliseconds,
                     ["Resilience:CircuitFailureRatio"] = 0.5,
                     ["Resilience:CircuitMinimumThroughput"] = CircuitMinimumThroughput,
                     ["Resilience:CircuitSamplingSeconds"] = 5,
                     ["Resilience:CircuitBreakSeconds"] = CircuitBreakSeconds,
                     ["Dispatch:BatchSize"] = 200,
                     ["Dispatch:Parallelism"] = Parallelism,
                     ["Dispatch:RetryBaseSeconds"] = 0.2,
                     ["Dispatch:RetryMaxSeconds"] = 1,
                     ["Dispatch:IdleSeconds"] = 5,
                 }.Concat(settings ?? new Dictionary<string, object>()).GroupBy(s => s.Key).Select(g => g.Last()))
        {
            builder.UseSetting($"NationalDb:{key}", Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }
}
