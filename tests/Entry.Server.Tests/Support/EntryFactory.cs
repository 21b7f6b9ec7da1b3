using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entry.Server.Tests.Support;

/// <summary>
/// Entry through its real HTTP pipeline with a real database for a fresh data directory (an SQLite file in it, or a
/// PostgreSQL database of its own: <see cref="TestDatabase"/>).
/// Demo data is off unless a test class asks for it; users are created per test class.
/// </summary>
public class EntryFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-pass-2026";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "entry-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Every log line written by the server, to prove personal data stays out of them.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>More settings for this server, applied after the defaults above (e.g. a shared database and Redis).</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    protected virtual bool DemoEnabled => false;
    protected virtual int LoginAttemptsPerMinute => 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        TestDatabase.Use(builder, DataDirectory);
        builder.UseSetting("Entry:Demo:Enabled", DemoEnabled ? "true" : "false");
        // Each server starts its own national-database stub on a free port.
        builder.UseSetting("NationalDb:EmbeddedUrl", "http://127.0.0.1:0");
        builder.UseSetting("Entry:Admin:UserName", "root");
        builder.UseSetting("Entry:Admin:Password", Password);
        // A moved clock passing 23:30 would take a backup in the middle of a test.
        builder.UseSetting("Entry:Backup:Nightly", "false");
        builder.UseSetting("Entry:Auth:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(Logs)));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Every client of the suite asks for English answers, so the assertions on the server's wording read as before; the
    /// Vietnamese default (no Accept-Language) is tested on its own (LocalizedRefusalTests).
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    /// <summary>Creates a user with that role (once) and answers a client carrying its bearer token.</summary>
    public async Task<HttpClient> ClientAsAsync(string role, string? userName = null)
    {
        userName ??= role.ToLowerInvariant();
        using (var scope = Services.CreateScope())
        {
            var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            await initializer.EnsureUserAsync(userName, userName, Password, role, null);
        }
        return await SignedInClientAsync(userName, Password);
    }

    public async Task<HttpClient> SignedInClientAsync(string userName, string password)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(userName, password));
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientAsAsync(Roles.Admin, "root");

    public T Service<T>(Action<T>? _ = null) where T : notnull => Services.GetRequiredService<T>();

    public async Task<TResult> WithDbAsync<TResult>(Func<EntryDb, Task<TResult>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<EntryDb>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TestDatabase.Delete(DataDirectory);
    }
}

/// <summary>The same server with the demo inventory and users loaded at start.</summary>
public sealed class DemoFactory : EntryFactory
{
    protected override bool DemoEnabled => true;
}

/// <summary>A server whose sign-in rate limit is low enough to reach in a test.</summary>
public sealed class StrictLoginFactory : EntryFactory
{
    protected override int LoginAttemptsPerMinute => 3;
}

internal sealed class CollectingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, sink);

    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => sink.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
