using Entry.Server.Features.Books;

namespace Entry.Server.Features.Cases;

/// <summary>
/// The outbox a case's message to the national database goes into, stored with the case or not at all. Implemented by
/// the National feature (which builds on cases); declared here so the ledger does not depend on it.
/// </summary>
public interface ICaseMessages
{
    /// <summary>The message for the case's current version; the caller's save stores it.</summary>
    void Add(CaseEntry entry, Book book);

    /// <summary>After a correction or verification changed the case: its message follows (see the implementation).</summary>
    Task ChangedAsync(CaseEntry entry, Book book, bool contentChanged, CancellationToken ct);

    /// <summary>After the commit: new messages wait.</summary>
    void Wake();
}
