using Entry.Server.Features.Progress;
using Entry.Shared.Books;
using Entry.Shared.Live;

namespace Entry.Server.Features.Live;

/// <summary>The counters of some scopes as the hub sends them, read in one query.</summary>
public sealed class ProgressSnapshots(ProgressCounters counters, TimeProvider time)
{
    public async Task<IReadOnlyDictionary<string, ProgressSnapshot>> ReadAsync(IReadOnlyCollection<string> scopes, CancellationToken ct)
    {
        var rows = (await counters.ReadAsync(scopes, ct)).ToLookup(c => c.Scope, StringComparer.Ordinal);
        var at = time.GetUtcNow();
        return scopes.Distinct(StringComparer.Ordinal).ToDictionary(scope => scope, scope => Snapshot(scope, rows[scope].ToList(), at), StringComparer.Ordinal);
    }

    public async Task<ProgressSnapshot> ReadAsync(string scope, CancellationToken ct) => (await ReadAsync([scope], ct))[scope];

    private static ProgressSnapshot Snapshot(string scope, List<ProgressCounter> rows, DateTimeOffset at)
    {
        static ProgressCounts Counts(IEnumerable<ProgressCounter> of) =>
            new(of.Sum(c => c.Entered), of.Sum(c => c.Flagged), of.Sum(c => c.Verified), of.Sum(c => c.Skipped), of.Sum(c => c.Synced), of.Sum(c => c.Rejected));
        return new ProgressSnapshot(scope, Counts(rows),
            Enum.GetValues<BookType>().Select(t => new TypeCounts(t, Counts(rows.Where(c => c.Type == t)))).ToList(), at);
    }
}
