using System.Globalization;
using System.Text.Json.Serialization;
using Entry.Shared.Books;

namespace Entry.Shared.Live;

/// <summary>
/// The SignalR hub at <c>/hubs/sprint</c>: names of its methods. A client calls <see cref="Subscribe"/> with a scope
/// (<see cref="SprintScopes"/>) it may see and gets the scope's current progress back (its resync after a reconnect);
/// then the server sends it the events of that scope, coalesced to a few messages a second.
/// </summary>
public static class SprintHub
{
    public const string Path = "/hubs/sprint";

    // Client → server.
    /// <summary><c>Subscribe(string scope) → ProgressSnapshot</c>; a scope the user may not see is a HubException.</summary>
    public const string Subscribe = "Subscribe";
    /// <summary><c>Unsubscribe(string scope)</c>.</summary>
    public const string Unsubscribe = "Unsubscribe";
    /// <summary>
    /// <c>WatchDashboard(string scope) → DashboardLive</c>: <c>province</c> or <c>district:{code}</c>, for a monitor's dashboard. The
    /// connection then gets only <see cref="DashboardChanged"/> for it (no per-book lines: light on a slow link), besides any other
    /// dashboard it watches (<see cref="UnwatchDashboard"/> leaves one).
    /// </summary>
    public const string WatchDashboard = "WatchDashboard";
    /// <summary>
    /// <c>UnwatchDashboard(string scope)</c>: stops watching a dashboard. A connection watches up to four at once (a page's own
    /// and the district it drills into); one more is a HubException until it leaves one.
    /// </summary>
    public const string UnwatchDashboard = "UnwatchDashboard";

    // Server → client.
    /// <summary><c>casesLogged(CasesLoggedBatch)</c>: the cases logged in the scope since the last message, per book.</summary>
    public const string CasesLogged = "casesLogged";
    /// <summary><c>booksChanged(BooksChangedBatch)</c>: books claimed, released or finished.</summary>
    public const string BooksChanged = "booksChanged";
    /// <summary><c>shiftChanged(ShiftChangedEvent)</c>: sent to every subscribed connection.</summary>
    public const string ShiftChanged = "shiftChanged";
    /// <summary><c>progressChanged(ProgressSnapshot)</c>: the scope's counters after a change.</summary>
    public const string ProgressChanged = "progressChanged";
    /// <summary><c>nationalStatus(NationalStatus)</c>: to the province group, at most every 2 s and only when the sync with the national database changed.</summary>
    public const string NationalStatus = "nationalStatus";
    /// <summary><c>dashboardChanged(DashboardLive)</c>: to the dashboards watching a scope, at most once a second, after a change.</summary>
    public const string DashboardChanged = "dashboardChanged";
}

/// <summary>Names of the scopes shared by the hub's groups and the progress counters.</summary>
public static class SprintScopes
{
    public const string Province = "province";
    public static string District(string code) => $"district:{code}";
    public static string Unit(string code) => $"unit:{code}";
    public static string Team(int teamId) => $"team:{teamId.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Cases logged in one scope since the previous batch, one line per book (counts only, never personal data).</summary>
public sealed record CasesLoggedBatch(string Scope, IReadOnlyList<BookCasesLogged> Books, DateTimeOffset SentAt);

/// <summary>
/// One book's line of a batch: <c>CasesLogged</c> is the count after the newest case of the batch, <c>Added</c> the cases
/// logged since the previous batch, <c>Flagged</c> how many of those were flagged for verification.
/// </summary>
public sealed record BookCasesLogged(int TeamId, string UnitCode, string BookCode, BookType Type, string ClerkUserName, string ClerkName,
    int CasesLogged, int CaseCount, int Added, int Flagged, DateTimeOffset LastLoggedAt);

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
