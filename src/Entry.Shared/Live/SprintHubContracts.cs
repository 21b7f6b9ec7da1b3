using System.Text.Json.Serialization;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;

namespace Entry.Shared.Live;

/// <summary>
/// The SignalR hub at <c>/hubs/sprint</c>. A client calls <see cref="ISprintHub.Subscribe"/> with a scope
/// (<see cref="ScopeKey"/>) it may see and gets the scope's current progress back (its resync after a reconnect);
/// then the server sends it the <see cref="ISprintClient"/> messages of that scope, coalesced to a few messages a second.
/// </summary>
public static class SprintHub
{
    public const string Path = "/hubs/sprint";

    // Client → server: the names of ISprintHub's methods, so a rename breaks the build of both ends.
    public const string Subscribe = nameof(ISprintHub.Subscribe);
    public const string Unsubscribe = nameof(ISprintHub.Unsubscribe);
    public const string WatchDashboard = nameof(ISprintHub.WatchDashboard);
    public const string UnwatchDashboard = nameof(ISprintHub.UnwatchDashboard);
}

/// <summary>What a client may call on the hub (the server's hub implements it).</summary>
public interface ISprintHub
{
    /// <summary>Joins the scope's group and answers its counters now; a scope the user may not see is a HubException.</summary>
    Task<ProgressSnapshot> Subscribe(string scope);

    Task Unsubscribe(string scope);

    /// <summary>
    /// <c>province</c> or <c>district:{code}</c>, for a monitor's dashboard. The connection then gets only
    /// <see cref="ISprintClient.DashboardChanged"/> for it (no per-book lines: light on a slow link), besides any other dashboard
    /// it watches; answers the figures now.
    /// </summary>
    Task<DashboardLive> WatchDashboard(string scope);

    /// <summary>
    /// Stops watching a dashboard. A connection watches up to four at once (a page's own and the district it drills into); one
    /// more is a HubException until it leaves one.
    /// </summary>
    Task UnwatchDashboard(string scope);
}

/// <summary>
/// Every message the server sends to browsers: the method name on the wire is the method's name here (the server sends
/// through <c>IHubContext&lt;SprintHub, ISprintClient&gt;</c>, the client subscribes with <c>nameof(ISprintClient.…)</c>). The
/// cancellation token is the server's, for the send: it is not on the wire, so a handler takes the message only.
/// </summary>
public interface ISprintClient
{
    /// <summary>The cases logged in the scope since the last message, per book.</summary>
    Task CasesLogged(CasesLoggedBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Books claimed, released or finished.</summary>
    Task BooksChanged(BooksChangedBatch batch, CancellationToken cancellationToken = default);

    /// <summary>A shift opened or closed: sent to every connection.</summary>
    Task ShiftChanged(ShiftChangedEvent change, CancellationToken cancellationToken = default);

    /// <summary>The scope's counters after a change.</summary>
    Task ProgressChanged(ProgressSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>To the province group, at most every 2 s and only when the sync with the national database changed.</summary>
    Task NationalStatus(NationalStatus status, CancellationToken cancellationToken = default);

    /// <summary>To the dashboards watching a scope, at most once a second, after a change.</summary>
    Task DashboardChanged(DashboardLive dashboard, CancellationToken cancellationToken = default);
}

/// <summary>Cases logged in one scope since the previous batch, one line per book (counts only, never personal data).</summary>
public sealed record CasesLoggedBatch(string Scope, IReadOnlyList<BookCasesLogged> Books, DateTimeOffset SentAt);

/// <summary>
/// One book's line of a batch: <c>CasesLogged</c> is the count after the newest case of the batch, <c>Added</c> the cases
/// logged since the previous batch, <c>Flagged</c> how many of those were flagged for verification.
/// </summary>
public sealed record BookCasesLogged(int TeamId, string UnitCode, string BookCode, BookType Type, string ClerkUserName, string ClerkName,
    int CasesLogged, int CaseCount, int Added, int Flagged, DateTimeOffset LastLoggedAt, int AddedLate = 0);

[JsonConverter(typeof(JsonStringEnumConverter<BookChangeKind>))]
public enum BookChangeKind
{
    [JsonStringEnumMemberName("claimed")] Claimed = 0,
    [JsonStringEnumMemberName("released")] Released = 1,
    [JsonStringEnumMemberName("finished")] Finished = 2,
}

public sealed record BookChangedEvent(BookChangeKind Kind, int TeamId, string UnitCode, string BookCode, BookType Type,
    string? ClerkUserName, string? ClerkName, int CasesLogged, int CaseCount, DateTimeOffset At);

public sealed record BooksChangedBatch(string Scope, IReadOnlyList<BookChangedEvent> Changes, DateTimeOffset SentAt);

[JsonConverter(typeof(JsonStringEnumConverter<ShiftChangeKind>))]
public enum ShiftChangeKind
{
    [JsonStringEnumMemberName("opened")] Opened = 0,
    [JsonStringEnumMemberName("closed")] Closed = 1,
}

public sealed record ShiftChangedEvent(DateOnly Date, int Shift, ShiftChangeKind Kind, DateTimeOffset At);

/// <summary>The counters of a scope (SPEC §3 "Progress"), in total and per type.</summary>
public sealed record ProgressSnapshot(string Scope, ProgressCounts Total, IReadOnlyList<TypeCounts> ByType, DateTimeOffset At);

/// <summary>
/// <c>Flagged</c>: cases waiting for verification now; <c>Verified</c>: flagged cases a civil-registry officer has
/// verified; <c>Skipped</c>: entry numbers skipped with a reason; <c>Synced</c>: cases the national database holds;
/// <c>Rejected</c>: cases it rejected, waiting for a correction.
/// </summary>
public sealed record ProgressCounts(long Entered, long Flagged, long Verified, long Skipped, long Synced = 0, long Rejected = 0);

public sealed record TypeCounts(BookType Type, ProgressCounts Counts);
