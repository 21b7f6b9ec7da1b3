using Entry.Shared.Entries;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;

namespace Entry.Shared.Live;

/// <summary>Where the browser app's connection to the live hub stands.</summary>
public enum LiveState
{
    /// <summary>Nothing subscribed yet.</summary>
    Idle,
    Connecting,
    Live,
    /// <summary>The connection dropped; events sent meanwhile are lost, so a resync follows.</summary>
    Reconnecting,
}

/// <summary>
/// The browser app's one connection to the sprint hub (<see cref="SprintHub.Path"/>), shared by every live view. The
/// SignalR client behind it is loaded only when a live view first subscribes (a lazily loaded assembly), so this contract
/// names none of its types: a page that is not live (the clerk's entry page) never downloads it.
/// </summary>
public interface ISprintLive
{
    LiveState State { get; }

    event Action<CasesLoggedBatch>? CasesLogged;
    event Action<BooksChangedBatch>? BooksChanged;
    event Action<ShiftChangedEvent>? ShiftChanged;
    event Action<ProgressSnapshot>? ProgressChanged;

    /// <summary>The sync with the national database changed (sent to the province's followers only).</summary>
    event Action<NationalStatus>? NationalStatusChanged;

    /// <summary>A watched dashboard's figures changed (<see cref="WatchDashboardAsync"/>).</summary>
    event Action<DashboardLive>? DashboardChanged;

    event Action<LiveState>? StateChanged;

    /// <summary>After a reconnect: every scope subscribed again, with its current counters (and every dashboard watched again).</summary>
    event Action<IReadOnlyList<ProgressSnapshot>>? Resynced;

    /// <summary>
    /// Follows a scope (a <see cref="ScopeKey"/>'s name). Answers its snapshot when connected; null while the connection is
    /// still being made (it subscribes then, and <see cref="Resynced"/> follows). A scope the user may not see throws
    /// <see cref="LiveRefusedException"/>.
    /// </summary>
    Task<ProgressSnapshot?> SubscribeAsync(string scope, CancellationToken cancellationToken = default);

    Task UnsubscribeAsync(string scope);

    /// <summary>
    /// Watches a dashboard scope (<c>province</c> or <c>district:{code}</c>): <see cref="DashboardChanged"/> follows. Answers
    /// its figures now when connected; null while connecting (<see cref="Resynced"/> follows). A scope the user may not see
    /// throws <see cref="LiveRefusedException"/>.
    /// </summary>
    Task<DashboardLive?> WatchDashboardAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>Stops watching a dashboard, so it is not watched again after a reconnect either.</summary>
    Task UnwatchDashboardAsync(string scope);
}

/// <summary>The hub refused a subscription (a scope the user may not see): the hub's own error, without its client's type.</summary>
public sealed class LiveRefusedException(string message, Exception? inner = null) : Exception(message, inner);
