using Entry.Shared.Entries;

namespace Entry.Client.Sending;

/// <summary>
/// A new case or a skipped entry number on its way to the server, with the id chosen in the browser: it is sent again with
/// that same id until the server answers, and the server stores it once. Plain data, so a store can keep it outside memory.
/// </summary>
public sealed record PendingSend
{
    public required Guid Id { get; init; }
    /// <summary>The case as typed; null for a skipped number.</summary>
    public CaseEntryRequest? Case { get; init; }
    /// <summary>The skipped number; null for a case.</summary>
    public SkipEntryRequest? Skip { get; init; }
    /// <summary>Sends so far, the one under way included.</summary>
    public int Attempts { get; init; }

    public int EntryNumber => Case?.EntryNumber ?? Skip?.EntryNumber ?? 0;

    public static PendingSend For(CaseEntryRequest request) => new() { Id = request.Id, Case = request };

    public static PendingSend For(SkipEntryRequest request) => new() { Id = request.Id, Skip = request };
}

/// <summary>A send that got no answer: <see cref="Status"/> is the server's 5xx, or null when the server could not be reached.</summary>
public sealed record SendFailure(Guid Id, int Attempt, System.Net.HttpStatusCode? Status);
