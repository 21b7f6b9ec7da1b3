using Entry.Server.Features.Progress;
using Entry.Shared.Books;
using Entry.Shared.Live;
using Entry.Shared.Progress;

namespace Entry.Server.Features.Live;

/// <summary>The counters of some scopes as the hub sends them, read in one query.</summary>
public sealed class ProgressSnapshots(ProgressCounters counters, TimeProvider time)
{
    public async Task<IReadOnlyDictionary<ScopeKey, ProgressSnapshot>> ReadAsync(IReadOnlyCollection<ScopeKey> scopes, CancellationToken ct)
    {
        var rows = (await counters.ReadAsync(scopes.Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList(), ct))
            .ToLookup(c => c.Scope, StringComparer.Ordinal);
        var at = time.GetUtcNow();
        return scopes.Distinct().ToDictionary(scope => scope, scope => Snapshot(scope.Name, rows[scope.Name].ToList(), at));
    }

    public async Task<ProgressSnapshot> ReadAsync(ScopeKey scope, CancellationToken ct) => (await ReadAsync([scope], ct))[scope];

    private static ProgressSnapshot Snapshot(string scope, List<ProgressCounter> rows, DateTimeOffset at)
    {
        static ProgressCounts Counts(IEnumerable<ProgressCounter> of) =>
            new(of.Sum(c => c.Entered), of.Sum(c => c.Flagged), of.Sum(c => c.Verified), of.Sum(c => c.Skipped), of.Sum(c => c.Synced), of.Sum(c => c.Rejected));
        return new ProgressSnapshot(scope, Counts(rows),
            Enum.GetValues<BookType>().Select(t => new TypeCounts(t, Counts(rows.Where(c => c.Type == t)))).ToList(), at);
    }
}
