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
}
