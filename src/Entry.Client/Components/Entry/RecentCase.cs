using Entry.Shared.Entries;

namespace Entry.Client.Components.EntryPage;

public enum SendState
{
    Sending,
    Saved,
    /// <summary>Kept in the browser's queue, not acknowledged yet: sent again in the background with the same id. Never "saved".</summary>
    Queued,
    /// <summary>The server answered with a reason; the case can be reopened in the form, or discarded.</summary>
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
    /// <summary>The queue's item behind the row while it waits or was refused (a correction's differs from the case's id).</summary>
    public Guid? QueueId { get; set; }
    /// <summary>A correction of this stored case waits in the queue.</summary>
    public bool CorrectionQueued { get; set; }
}
