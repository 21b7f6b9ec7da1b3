using Entry.Server.Data;
using Entry.Server.Features.Dashboard;
using Entry.Shared.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Live;

/// <summary>
/// Every <see cref="LiveOptions.DashboardMilliseconds"/>, sends <see cref="ISprintClient.DashboardChanged"/> to each watched dashboard whose scope
/// changed since its last message (the <see cref="LiveFlusher"/> marks them): one read per scope, whatever the entry rate.
/// </summary>
public sealed partial class DashboardLiveFlusher(
    DashboardWatchers watchers,
    IHubContext<SprintHub, ISprintClient> hub,
    IServiceScopeFactory scopes,
    IOptions<LiveOptions> options,
    ILogger<DashboardLiveFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wall-clock pace, like the live flusher's: it throttles the wire.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.DashboardMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var changed = watchers.TakeChanged();
            if (changed.Count == 0)
            {
                continue;
            }
            try
            {
                await SendAsync(changed, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The type only; the scopes are marked again by the next change.
                LogFailed(e.GetType().Name);
            }
        }
    }

    private async Task SendAsync(IReadOnlyList<string> changed, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tree = await UnitTree.ReadAsync(scope.ServiceProvider.GetRequiredService<EntryDb>(), ct);
        var live = scope.ServiceProvider.GetRequiredService<DashboardLiveQuery>();
        foreach (var name in changed)
        {
            // To this instance's own watchers: each instance sends to those it holds, so nobody gets it twice.
            if (DashboardScopes.Parse(name, tree) is { } place && watchers.ConnectionsWatching(name) is { Count: > 0 } connections)
            {
                await hub.Clients.Clients(connections).DashboardChanged(await live.ReadAsync(place, tree, ct), ct);
            }
        }
        LogSent(changed.Count);
    }

    [LoggerMessage(EventId = 7620, Level = LogLevel.Debug, Message = "Dashboard update sent to {Scopes} scopes")]
    private partial void LogSent(int scopes);

    [LoggerMessage(EventId = 7621, Level = LogLevel.Warning, Message = "Dashboard update failed: {ExceptionType}")]
    private partial void LogFailed(string exceptionType);
}
