using Entry.NationalDb;
using Entry.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.National;

/// <summary>
/// With no <c>NationalDb:BaseUrl</c>, Entry starts the shipped stub in its own process, on its own port and SQLite
/// file, and talks to it over real HTTP like to the real service; with a URL, it only records that address.
/// </summary>
public sealed partial class EmbeddedNationalDb(
    IOptions<NationalDbOptions> options, IOptions<EntryOptions> entry, IHostEnvironment environment, NationalDbEndpoint endpoint,
    ILogger<EmbeddedNationalDb> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? stub;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.BaseUrl))
        {
            endpoint.Set(new Uri(settings.BaseUrl));
            return;
        }
        var dataDirectory = Path.GetFullPath(Path.IsPathRooted(entry.Value.DataDirectory)
            ? entry.Value.DataDirectory
            : Path.Combine(environment.ContentRootPath, entry.Value.DataDirectory));
        var stubDirectory = Path.Combine(dataDirectory, settings.EmbeddedDataDirectory);
        stub = NationalDbApp.Create(["--urls", settings.EmbeddedUrl, "--Stub:DataDirectory", stubDirectory],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await stub.StartAsync(cancellationToken);
        var address = new Uri(stub.Urls.First());
        endpoint.Set(address);
        LogStarted(address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stub is not null)
        {
            await stub.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stub is not null)
        {
            await stub.DisposeAsync();
            stub = null;
        }
    }

    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "National database stub started at {Address}")]
    private partial void LogStarted(Uri address);
}
