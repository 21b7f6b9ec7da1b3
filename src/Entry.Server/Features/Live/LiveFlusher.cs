using Entry.Server.Common.Cluster;
using Entry.Server.Data;
using Entry.Server.Features.Dashboard;
using Entry.Shared.Live;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Live;

/// <summary>
/// Every <see cref="LiveOptions.FlushMilliseconds"/>, sends each group with pending work one <see cref="ISprintClient.CasesLogged"/>, one
/// <see cref="ISprintClient.BooksChanged"/> and one <see cref="ISprintClient.ProgressChanged"/> — so a dashboard gets a few messages a second whatever the entry rate.
/// </summary>
public sealed partial class LiveFlusher(
    LiveBroadcast broadcast,
    ClerkNames clerks,
    IHubContext<SprintHub, ISprintClient> hub,
    IServiceScopeFactory scopes,
    IOptions<LiveOptions> options,
    TimeProvider time,
    IClusterBus cluster,
    ILogger<LiveFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The pace is wall-clock time on purpose: it throttles the wire, it is not a time of the sprint (which tests move).
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.FlushMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (broadcast.Drain() is { } batch)
                {
                    // Every notice reaches the province's and its district's groups: their dashboards are sent again (coalesced),
                    // by every instance to the watchers it holds.
                    var dashboards = batch.Groups.Keys.Where(s => s.IsDashboard).Select(s => s.Name).ToList();
                    if (dashboards.Count > 0)
                    {
                        await cluster.PublishAsync(new DashboardsChanged(dashboards));
                    }
                    await SendAsync(batch, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The type only: a message could carry a name. The batch is dropped; the next progress message corrects the counts.
                LogFlushFailed(e.GetType().Name);
            }
        }
    }

    private async Task SendAsync(LiveBatch batch, CancellationToken ct)
    {
        IReadOnlyDictionary<string, ClerkName> names;
        IReadOnlyDictionary<ScopeKey, ProgressSnapshot> progress;
        await using (var scope = scopes.CreateAsyncScope())
        {
            names = await clerks.ResolveAsync(scope.ServiceProvider.GetRequiredService<EntryDb>(), batch.ClerkIds, ct);
            progress = await scope.ServiceProvider.GetRequiredService<ProgressSnapshots>().ReadAsync(batch.ProgressScopes, ct);
        }
        var sentAt = time.GetUtcNow();
        ClerkName Name(string? id) => id is not null && names.TryGetValue(id, out var name) ? name : ClerkName.Unknown;

        foreach (var (scope, work) in batch.Groups)
        {
            var clients = hub.Clients.Group(SprintGroups.Of(scope));
            if (work.Books.Count > 0)
            {
                var lines = work.Books.Values.Select(line =>
                {
                    var latest = line.Latest;
                    var clerk = Name(latest.ClerkId);
                    return new BookCasesLogged(latest.Place.TeamId, latest.Place.UnitCode, latest.BookCode, latest.Type, clerk.UserName, clerk.DisplayName,
                        latest.CasesLogged, latest.CaseCount, line.Added, line.Flagged, latest.At, line.AddedLate);
                }).ToList();
                await clients.CasesLogged(new CasesLoggedBatch(scope.Name, lines, sentAt), ct);
            }
            if (work.Changes.Count > 0)
            {
                var changes = work.Changes.Select(c =>
                {
                    var clerk = c.ClerkId is null ? null : Name(c.ClerkId);
                    return new BookChangedEvent(c.Kind, c.Place.TeamId, c.Place.UnitCode, c.BookCode, c.Type, clerk?.UserName, clerk?.DisplayName,
                        c.CasesLogged, c.CaseCount, c.At);
                }).ToList();
                await clients.BooksChanged(new BooksChangedBatch(scope.Name, changes, sentAt), ct);
            }
            if (progress.TryGetValue(scope, out var snapshot))
            {
                await clients.ProgressChanged(snapshot, ct);
            }
        }
        LogFlushed(batch.Groups.Count);
    }

    [LoggerMessage(EventId = 7600, Level = LogLevel.Debug, Message = "Live update sent to {Groups} groups")]
    private partial void LogFlushed(int groups);

    [LoggerMessage(EventId = 7601, Level = LogLevel.Warning, Message = "Live update failed: {ExceptionType}")]
    private partial void LogFlushFailed(string exceptionType);
}
