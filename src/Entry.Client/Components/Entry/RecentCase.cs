using Entry.Shared.Entries;

namespace Entry.Client.Components.EntryPage;

public enum SendState
{
    Sending,
    Saved,
    /// <summary>Not acknowledged yet: sent again in the background with the same id.</summary>
    Failed,
    /// <summary>The server answered with a reason; the case can be reopened in the form.</summary>
    Refused,
}

/// <summary>
/// A row of the session's list: a case or a skipped number and where it stands. What is still unsent is the sending queue's;
/// this row only shows it.
/// </summary>
public sealed class RecentCase(Guid id, int entryNumber)
{
    public Guid Id { get; } = id;
    public int EntryNumber { get; set; } = entryNumber;
    public SendState State { get; set; } = SendState.Sending;
    public bool Flagged { get; set; }
    public SkipReason? Skipped { get; init; }
    /// <summary>The case as sent, to reopen it when refused; null for a skipped number.</summary>
    public CaseEntryRequest? Request { get; init; }
    public string? Refusal { get; set; }
}
