using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Sending;

/// <summary>
/// A new case, a skipped entry number or a correction on its way to the server, with the id chosen in the browser: it is sent
/// again with that same id until the server answers, and the server stores it once. Plain data, kept in the browser's storage
/// from the moment the clerk saves it (<see cref="IndexedDbSendStore"/>).
/// </summary>
public sealed record PendingSend
{
    /// <summary>The queue's key: the case's or the skip's own id; a correction has an id of its own (one case can be corrected twice).</summary>
    public required Guid Id { get; init; }
    /// <summary>The case as typed (a correction: the case as corrected); null for a skipped number.</summary>
    public CaseEntryRequest? Case { get; init; }
    /// <summary>The skipped number; null for a case.</summary>
    public SkipEntryRequest? Skip { get; init; }
    /// <summary>A correction of the stored case <c>Case.Id</c>: the version read, sent as If-Match. Null for a new case or a skip.</summary>
    public int? CorrectsVersion { get; init; }
    /// <summary>Sends so far, the one under way included.</summary>
    public int Attempts { get; init; }
    /// <summary>When the clerk saved it: set once when it enters the queue (it is also the request's TypedAt).</summary>
    public DateTimeOffset QueuedAt { get; init; }
    /// <summary>The user who saved it: another user signing in on the same browser does not send it.</summary>
    public string? Owner { get; init; }
    /// <summary>The server's reason when it refused the item (a 4xx sending again would not change); it stays until the clerk reopens or discards it.</summary>
    public ApiProblem? Refusal { get; init; }

    public bool IsCorrection => CorrectsVersion is not null;

    public int EntryNumber => Case?.EntryNumber ?? Skip?.EntryNumber ?? 0;

    public string? BookCode => Case?.BookCode ?? Skip?.BookCode;

    public static PendingSend For(CaseEntryRequest request) => new() { Id = request.Id, Case = request };

    public static PendingSend For(SkipEntryRequest request) => new() { Id = request.Id, Skip = request };

    public static PendingSend Correcting(CaseEntryRequest request, int version) => new() { Id = Guid.NewGuid(), Case = request, CorrectsVersion = version };

    /// <summary>The item as it enters the queue: its time (kept on every retry), its owner, and that time as the request's TypedAt.</summary>
    public PendingSend Queued(DateTimeOffset now, string? owner)
    {
        var at = QueuedAt == default ? now : QueuedAt;
        return this with
        {
            QueuedAt = at,
            Owner = Owner ?? owner,
            Case = Case is { TypedAt: null } request ? request with { TypedAt = at } : Case,
            Skip = Skip is { TypedAt: null } skip ? skip with { TypedAt = at } : Skip,
        };
    }
}

/// <summary>A send that got no answer: <see cref="Status"/> is the server's 5xx (or 401, 408, 429), or null when the server could not be reached.</summary>
public sealed record SendFailure(Guid Id, int Attempt, System.Net.HttpStatusCode? Status);

/// <summary>The server's answer for an item: a new case or skip stored, a correction stored, or a refusal with its reason.</summary>
public sealed record SendAnswer(CaseEntryResult? Stored, CaseEntryDetails? Corrected, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}
