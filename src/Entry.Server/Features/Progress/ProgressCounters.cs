using Entry.Server.Data;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Entry.Server.Features.Progress;

/// <summary>Applies what a stored, corrected, verified or skipped case changes to every counter it belongs to, inside the caller's transaction.</summary>
public sealed class ProgressCounters(EntryDb db)
{
    /// <summary>The scopes a case counts in: its book, unit, district, the province, and the team, shift (of the province and of the district) and day it was logged in.</summary>
    public sealed record CaseScopes(int BookId, string UnitCode, string? DistrictCode, BookType Type, int TeamId, DateOnly ShiftDate, int Shift);

    /// <summary>Changes to the counters: Entered counts logged cases, Flagged those waiting for verification now.</summary>
    public readonly record struct Delta(int Entered = 0, int Flagged = 0, int Verified = 0, int Skipped = 0, int Synced = 0, int Rejected = 0)
    {
        public bool IsZero => Entered == 0 && Flagged == 0 && Verified == 0 && Skipped == 0 && Synced == 0 && Rejected == 0;

        public static Delta operator +(Delta a, Delta b) => new(a.Entered + b.Entered, a.Flagged + b.Flagged, a.Verified + b.Verified,
            a.Skipped + b.Skipped, a.Synced + b.Synced, a.Rejected + b.Rejected);
    }

    /// <summary>The counter scopes a case counts in.</summary>
    public static List<ScopeKey> ScopesOf(CaseScopes at)
    {
        var scopes = new List<ScopeKey>
        {
            ScopeKey.Book(at.BookId), ScopeKey.Unit(at.UnitCode), ScopeKey.Province, ScopeKey.Team(at.TeamId),
            ScopeKey.Shift(at.ShiftDate, at.Shift), ScopeKey.Day(at.ShiftDate),
        };
        if (at.DistrictCode is { } district)
        {
            scopes.Add(ScopeKey.District(district));
            scopes.Add(ScopeKey.DistrictShift(district, at.ShiftDate, at.Shift));
        }
        return scopes;
    }

    /// <summary>
    /// Applies the changes of a batch of cases in the caller's transaction: summed per scope and type first, so a counter
    /// many cases of the batch share (the province, the day) is written once.
    /// </summary>
    public async Task ApplySummedAsync(IEnumerable<(CaseScopes At, Delta Delta)> changes, CancellationToken ct)
    {
        var sums = new Dictionary<(string Scope, BookType Type), Delta>();
        foreach (var (at, delta) in changes)
        {
            foreach (var key in ScopesOf(at))
            {
                sums[(key.Name, at.Type)] = sums.GetValueOrDefault((key.Name, at.Type)) + delta;
            }
        }
        if (sums.Values.All(d => d.IsZero))
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Counters change in the transaction of the cases that change them.");

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        // One statement SQLite and PostgreSQL both understand: insert the counter or add to it.
        command.CommandText =
            "INSERT INTO \"ProgressCounters\" (\"Scope\", \"Type\", \"Entered\", \"Flagged\", \"Verified\", \"Skipped\", \"Synced\", \"Rejected\") " +
            "VALUES (@scope, @type, @entered, @flagged, @verified, @skipped, @synced, @rejected) " +
            "ON CONFLICT (\"Scope\", \"Type\") DO UPDATE SET " +
            "\"Entered\" = \"ProgressCounters\".\"Entered\" + excluded.\"Entered\", " +
            "\"Flagged\" = \"ProgressCounters\".\"Flagged\" + excluded.\"Flagged\", " +
            "\"Verified\" = \"ProgressCounters\".\"Verified\" + excluded.\"Verified\", " +
            "\"Skipped\" = \"ProgressCounters\".\"Skipped\" + excluded.\"Skipped\", " +
            "\"Synced\" = \"ProgressCounters\".\"Synced\" + excluded.\"Synced\", " +
            "\"Rejected\" = \"ProgressCounters\".\"Rejected\" + excluded.\"Rejected\"";
        var scope = command.AddParameter("@scope");
        var type = command.AddParameter("@type");
        var entered = command.AddParameter("@entered");
        var flagged = command.AddParameter("@flagged");
        var verified = command.AddParameter("@verified");
        var skipped = command.AddParameter("@skipped");
        var synced = command.AddParameter("@synced");
        var rejected = command.AddParameter("@rejected");
        // In one order (scope, type): on PostgreSQL two transactions that touch the same counters then wait for each
        // other instead of deadlocking.
        foreach (var ((name, bookType), delta) in sums.Where(s => !s.Value.IsZero).OrderBy(s => s.Key.Scope, StringComparer.Ordinal).ThenBy(s => s.Key.Type))
        {
            scope.Value = name;
            type.Value = (int)bookType;
            entered.Value = (long)delta.Entered;
            flagged.Value = (long)delta.Flagged;
            verified.Value = (long)delta.Verified;
            skipped.Value = (long)delta.Skipped;
            synced.Value = (long)delta.Synced;
            rejected.Value = (long)delta.Rejected;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>What a case moving from one status to another (null: not stored) changes in the counters.</summary>
    public static Delta Change(CaseStatus? from, CaseStatus? to)
    {
        static int Is(CaseStatus? status, CaseStatus what) => status == what ? 1 : 0;
        static int Logged(CaseStatus? status) => status is null or CaseStatus.Skipped ? 0 : 1;
        return new Delta(
            Logged(to) - Logged(from),
            Is(to, CaseStatus.Flagged) - Is(from, CaseStatus.Flagged),
            Is(to, CaseStatus.Verified) - Is(from, CaseStatus.Verified),
            Is(to, CaseStatus.Skipped) - Is(from, CaseStatus.Skipped));
    }

    /// <summary>What a case's national sync state moving from one value to another changes in the counters.</summary>
    public static Delta SyncChange(NationalSyncState from, NationalSyncState to)
    {
        static int Is(NationalSyncState state, NationalSyncState what) => state == what ? 1 : 0;
        return new Delta(
            Synced: Is(to, NationalSyncState.Synced) - Is(from, NationalSyncState.Synced),
            Rejected: Is(to, NationalSyncState.Rejected) - Is(from, NationalSyncState.Rejected));
    }

    /// <summary>The counters of some scopes (<see cref="ScopeKey.Name"/>), per type.</summary>
    public Task<List<ProgressCounter>> ReadAsync(IReadOnlyCollection<string> scopes, CancellationToken ct) =>
        db.Set<ProgressCounter>().AsNoTracking().Where(c => scopes.Contains(c.Scope)).ToListAsync(ct);

    /// <summary>The counters of every scope of a kind (every district's, say).</summary>
    public Task<List<ProgressCounter>> ReadKindAsync(ScopeKind kind, CancellationToken ct)
    {
        var prefix = ScopeKey.Prefix(kind);
        return db.Set<ProgressCounter>().AsNoTracking().Where(c => c.Scope.StartsWith(prefix)).ToListAsync(ct);
    }
}
