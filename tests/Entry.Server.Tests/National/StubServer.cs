using System.Net.Http.Json;
using Entry.NationalDb;
using Entry.NationalDb.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Entry.Server.Tests.National;

/// <summary>The national-database stub on a free port of 127.0.0.1 with its own SQLite file, reached over real HTTP.</summary>
public sealed class StubServer : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "entry-stub-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = NationalDbApp.Create(["--urls", "http://127.0.0.1:0", "--Stub:DataDirectory", directory],
            builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public async Task SetFaultsAsync(FaultSettings faults) =>
        (await Client.PutAsJsonAsync("/admin/faults", faults)).EnsureSuccessStatusCode();

    public async Task<StubStats> StatsAsync() => (await Client.GetFromJsonAsync<StubStats>("/admin/stats"))!;

    public async Task ClearFaultsAsync() => (await Client.DeleteAsync("/admin/faults")).EnsureSuccessStatusCode();

    /// <summary>Answers 503 to everything for that long; 0 ends an outage.</summary>
    public async Task OutageAsync(int seconds) =>
        (await Client.PostAsJsonAsync("/admin/outage", new OutageRequest(seconds))).EnsureSuccessStatusCode();

    public async Task<BookHoldings> HoldingsAsync(string bookCode) =>
        (await Client.GetFromJsonAsync<BookHoldings>($"/api/civil-records?bookCode={Uri.EscapeDataString(bookCode)}"))!;

    /// <summary>When each write under that idempotency key arrived, faulted or not, in order.</summary>
    public async Task<List<DateTimeOffset>> AttemptsAsync(string key) =>
        (await Client.GetFromJsonAsync<List<DateTimeOffset>>($"/admin/attempts/{Uri.EscapeDataString(key)}"))!;

    public async Task<AttemptSummary> AttemptSummaryAsync() => (await Client.GetFromJsonAsync<AttemptSummary>("/admin/attempts"))!;
}
