using System.Globalization;
using Entry.NationalDb.Contracts;
using Entry.Shared.Entries;

namespace Entry.Server.Features.National;

/// <summary>What Entry holds of one entry number of a book, for the comparison.</summary>
/// <param name="Delivered">How many of the case's messages the national side accepted: each accepted create makes version 1, each accepted update adds one.</param>
public sealed record EntryHolding(Guid Id, int EntryNumber, NationalSyncState State, string? RecordId, DateTimeOffset? AnsweredAt, int Delivered);

/// <summary>
/// Compares one book: Entry's entry numbers with the records the national side holds of it. The national side is
/// asked first, then Entry is read; a case whose answer Entry recorded after the national side was asked was on its
/// way during the comparison and is not judged on its delivery (nor is the book's count).
/// </summary>
public static class BookComparison
{
    public sealed record Result(IReadOnlyList<ReconciliationDifference> Differences, int EntryDelivered);

    /// <param name="bookCode">The book compared.</param>
    /// <param name="entry">Every entry number Entry holds of the book, skips included.</param>
    /// <param name="national">What the national side answered for the book.</param>
    /// <param name="askedAt">When the national side was asked.</param>
    /// <param name="elsewhere">Books in which Entry holds cases of national records unknown in this book, by source id.</param>
    public static Result Compare(string bookCode, IReadOnlyList<EntryHolding> entry, BookHoldings national, DateTimeOffset askedAt,
        IReadOnlyDictionary<Guid, string> elsewhere)
    {
        var held = national.Records.GroupBy(r => r.SourceId).ToDictionary(g => g.Key, g => g.First());
        var differences = new List<ReconciliationDifference>();
        void Add(ReconciliationDifferenceKind kind, int? number, Guid? source, string? recordId, string detail) =>
            differences.Add(new ReconciliationDifference
            {
                BookCode = bookCode, EntryNumber = number, SourceId = source, RecordId = recordId, Kind = kind, Detail = detail,
            });

        var moving = false;
        foreach (var entryCase in entry.OrderBy(e => e.EntryNumber))
        {
            var settled = entryCase.AnsweredAt is not { } answered || answered <= askedAt;
            moving |= !settled;
            held.TryGetValue(entryCase.Id, out var record);
            var delivered = entryCase.RecordId is not null || entryCase.State == NationalSyncState.Synced;
            if (record is null)
            {
                if (delivered && settled)
                {
                    Add(ReconciliationDifferenceKind.MissingNationally, entryCase.EntryNumber, entryCase.Id, entryCase.RecordId,
                        $"Entry holds it as {State(entryCase.State)} under record {entryCase.RecordId ?? "(none)"}; the national side holds no record of it.");
                }
                continue;
            }
            if (entryCase.RecordId is null)
            {
                Add(ReconciliationDifferenceKind.NotSyncedInEntry, entryCase.EntryNumber, entryCase.Id, record.RecordId, entryCase.State switch
                {
                    NationalSyncState.Pending => $"The national side holds record {record.RecordId}; Entry still waits for its answer (pending): the answer was lost, the next send adopts the record.",
                    NationalSyncState.Rejected => $"The national side holds record {record.RecordId}; Entry holds the case as rejected.",
                    NationalSyncState.None => $"The national side holds record {record.RecordId}; Entry holds this entry number as skipped.",
                    _ => $"The national side holds record {record.RecordId}; Entry holds the case as synced without a record id.",
                });
                continue;
            }
            if (!settled)
            {
                continue;
            }
            if (record.RecordId != entryCase.RecordId)
            {
                Add(ReconciliationDifferenceKind.RecordIdMismatch, entryCase.EntryNumber, entryCase.Id, record.RecordId,
                    $"Entry holds record {entryCase.RecordId}; the national side holds the case as record {record.RecordId}.");
            }
            else if (record.Version < entryCase.Delivered)
            {
                Add(ReconciliationDifferenceKind.VersionBehind, entryCase.EntryNumber, entryCase.Id, record.RecordId,
                    Versions(record.Version, entryCase.Delivered));
            }
            else if (record.Version > entryCase.Delivered)
            {
                Add(ReconciliationDifferenceKind.VersionAhead, entryCase.EntryNumber, entryCase.Id, record.RecordId,
                    Versions(record.Version, entryCase.Delivered) + " It was changed outside Entry.");
            }
            else if (entryCase.State == NationalSyncState.Rejected)
            {
                Add(ReconciliationDifferenceKind.NotSyncedInEntry, entryCase.EntryNumber, entryCase.Id, record.RecordId,
                    $"The national side holds an earlier version as record {record.RecordId}; Entry's latest version was rejected (correction queue).");
            }
        }

        var known = entry.Select(e => e.Id).ToHashSet();
        foreach (var record in national.Records.Where(r => !known.Contains(r.SourceId)).OrderBy(r => r.EntryNumber))
        {
            Add(ReconciliationDifferenceKind.UnknownToEntry, record.EntryNumber, record.SourceId, record.RecordId,
                elsewhere.TryGetValue(record.SourceId, out var otherBook)
                    ? $"Record {record.RecordId} of this book is a case Entry holds in book {otherBook}."
                    : $"Record {record.RecordId} of this book is no case of Entry's: it was recorded outside Entry.");
        }

        var entryDelivered = entry.Count(e => e.RecordId is not null);
        if (!moving && entryDelivered != national.Count)
        {
            Add(ReconciliationDifferenceKind.CountMismatch, null, null, null,
                string.Create(CultureInfo.InvariantCulture, $"Entry holds {entryDelivered} cases as delivered; the national side holds {national.Count} records."));
        }
        return new Result(differences, entryDelivered);
    }

    private static string Versions(int national, int delivered) =>
        string.Create(CultureInfo.InvariantCulture, $"The national record is at version {national}; Entry delivered {delivered} version(s).");

    private static string State(NationalSyncState state) => state switch
    {
        NationalSyncState.Synced => "synced",
        NationalSyncState.Pending => "pending a newer version",
        NationalSyncState.Rejected => "rejected",
        _ => "skipped",
    };
}
