using Entry.Server.Features.National;
using Entry.Shared.Entries;
using Entry.Shared.Live;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Live;

/// <summary>
/// Every <see cref="LiveOptions.NationalStatusMilliseconds"/>, while someone follows the province, reads the national
/// status once and sends <see cref="ISprintClient.NationalStatus"/> to this server's province followers when it changed (or someone joined since).
/// </summary>
public sealed partial class NationalStatusBroadcast(
    ProvinceWatchers watchers,
    IHubContext<SprintHub, ISprintClient> hub,
    IServiceScopeFactory scopes,
    IOptions<LiveOptions> options,
    ILogger<NationalStatusBroadcast> logger) : BackgroundService
{
    private NationalStatus? lastSent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wall-clock pace, like the flusher's: it throttles the wire.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.NationalStatusMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!watchers.Any)
            {
                lastSent = null;
                continue;
            }
            try
            {
                await SendIfChangedAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e.GetType().Name);
            }
        }
    }

    private async Task SendIfChangedAsync(CancellationToken ct)
    {
        var someoneNew = watchers.TakeJoined();
        NationalStatus status;
        await using (var scope = scopes.CreateAsyncScope())
        {
            status = await scope.ServiceProvider.GetRequiredService<NationalStatusReader>().ReadAsync(ct);
        }
        if (!someoneNew && NationalStatusReader.Same(lastSent, status))
        {
            return;
        }
        // To this instance's own followers: scaled out, each instance reads and sends for the connections it holds.
        await hub.Clients.Clients(watchers.Connections).NationalStatus(status, ct);
        lastSent = status;
    }

    [LoggerMessage(EventId = 7610, Level = LogLevel.Warning, Message = "National status broadcast failed: {ExceptionType}")]
    private partial void LogFailed(string exceptionType);
}
