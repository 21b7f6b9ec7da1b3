using System.Globalization;
using Entry.Server.Data;
using Entry.Shared.Books;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Entry.Server.Features.Progress;

/// <summary>Adds a stored case to every counter it belongs to, inside the caller's transaction.</summary>
public sealed class ProgressCounters(EntryDb db)
{
    public static string Book(int bookId) => $"book:{bookId}";
    public static string Unit(string code) => $"unit:{code}";
    public static string District(string code) => $"district:{code}";
    public const string Province = "province";
    public static string Team(int teamId) => $"team:{teamId}";
    public static string Shift(DateOnly date, int shift) => $"shift:{date:yyyy-MM-dd}/{shift}";
    public static string Day(DateOnly date) => $"day:{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public sealed record CaseStored(int BookId, string UnitCode, string? DistrictCode, BookType Type, int TeamId, DateOnly ShiftDate, int Shift, bool Flagged);

    public async Task AddAsync(CaseStored stored, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Counters change in the transaction of the case that changes them.");
        var scopes = new List<string>
        {
            Book(stored.BookId), Unit(stored.UnitCode), Province, Team(stored.TeamId), Shift(stored.ShiftDate, stored.Shift), Day(stored.ShiftDate),
        };
        if (stored.DistrictCode is { } district)
        {
            scopes.Add(District(district));
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        // One statement SQLite and PostgreSQL both understand: insert the counter or add to it.
        command.CommandText =
            "INSERT INTO \"ProgressCounters\" (\"Scope\", \"Type\", \"Entered\", \"Flagged\") VALUES (@scope, @type, 1, @flagged) " +
            "ON CONFLICT (\"Scope\", \"Type\") DO UPDATE SET \"Entered\" = \"ProgressCounters\".\"Entered\" + 1, " +
            "\"Flagged\" = \"ProgressCounters\".\"Flagged\" + excluded.\"Flagged\"";
        var scope = command.AddParameter("@scope");
        command.AddParameter("@type", (int)stored.Type);
        command.AddParameter("@flagged", stored.Flagged ? 1L : 0L);
        foreach (var name in scopes)
        {
            scope.Value = name;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The counters of some scopes, per type.</summary>
    public Task<List<ProgressCounter>> ReadAsync(IReadOnlyCollection<string> scopes, CancellationToken ct) =>
        db.Set<ProgressCounter>().AsNoTracking().Where(c => scopes.Contains(c.Scope)).ToListAsync(ct);

    public Task<List<ProgressCounter>> ReadPrefixAsync(string prefix, CancellationToken ct) =>
        db.Set<ProgressCounter>().AsNoTracking().Where(c => c.Scope.StartsWith(prefix)).ToListAsync(ct);
}
