using Entry.Shared.Books;
using Entry.Shared.Live;

namespace Entry.Server.Features.Sprint;

/// <summary>
/// What the features tell the live view after their transaction has committed. Calls never block and never throw:
/// the live broadcast (Features/Live) coalesces them and sends each subscribed group a few messages a second. Declared here,
/// beside the sprint, so the features that change cases publish without depending on the hub that consumes them.
/// </summary>
public interface ISprintEvents
{
    void CaseLogged(CaseLoggedNotice notice);
    void BookChanged(BookChangedNotice notice);
    /// <summary>Counters of the place changed without a new case (a verification, a correction, a skipped entry).</summary>
    void ProgressChanged(SprintPlace place);
}

/// <summary>Where something happened: the groups (team, unit, district, province) that may see it.</summary>
public sealed record SprintPlace(int TeamId, string UnitCode, string? DistrictCode);

/// <summary>A case stored; <paramref name="Late"/>: typed during a claim that had ended when it arrived, so counted on that claim's shift.</summary>
public sealed record CaseLoggedNotice(SprintPlace Place, string BookCode, BookType Type, string ClerkId, int CasesLogged, int CaseCount,
    bool Flagged, DateTimeOffset At, bool Late = false);

public sealed record BookChangedNotice(BookChangeKind Kind, SprintPlace Place, string BookCode, BookType Type, string? ClerkId,
    int CasesLogged, int CaseCount, DateTimeOffset At);

/// <summary>Used until the live broadcast is registered (and by tools that run without it).</summary>
public sealed class NoSprintEvents : ISprintEvents
{
    public void CaseLogged(CaseLoggedNotice notice) { }
    public void BookChanged(BookChangedNotice notice) { }
    public void ProgressChanged(SprintPlace place) { }
}
