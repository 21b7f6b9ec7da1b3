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
/// A case or a skipped number of this session, kept in memory only: what the clerk typed holds personal data, which has no place in
/// the browser's storage on a shared campaign computer. <see cref="Send"/> always sends the same body with the same id.
/// </summary>
public sealed class RecentCase(Guid id, int entryNumber, Func<CancellationToken, Task<Services.ApiResult<CaseEntryResult>>> send)
{
    public Guid Id { get; } = id;
    public int EntryNumber { get; set; } = entryNumber;
    public SendState State { get; set; } = SendState.Sending;
    public bool Flagged { get; set; }
    public SkipReason? Skipped { get; init; }
    /// <summary>The case as sent, to reopen it when refused; null for a skipped number.</summary>
    public CaseEntryRequest? Request { get; init; }
    public string? Refusal { get; set; }
    public int Attempts { get; set; }
    public Func<CancellationToken, Task<Services.ApiResult<CaseEntryResult>>> Send { get; } = send;
}
