using Entry.Server.Data;
using Entry.Server.Features.Backup;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Cli;

/// <summary>
/// <c>backup FILE</c>: an online copy of the SQLite database (while the server runs) to FILE, the keys to FILE's
/// <c>.keys</c> folder beside it. <c>restore FILE</c>: FILE in place of the data directory's database, refused while a
/// server holds the data directory or when FILE is not an Entry backup this build can open; the old database is kept
/// aside as <c>entry.db.before-restore-TIME</c>. Exit codes: 0 done, 1 refused or failed, 2 usage.
/// </summary>
public static class BackupCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, string command, string file, CancellationToken ct)
    {
        var db = services.GetRequiredService<EntryDb>();
        if (!db.Database.IsSqlite())
        {
            await Console.Error.WriteLineAsync("This server is configured for a database server, not SQLite: use its own tools (pg_dump, pg_restore).");
            return 1;
        }
        var taker = services.GetRequiredService<BackupTaker>();
        var connectionString = db.Database.GetConnectionString()!;
        var keys = Path.Combine(taker.DataDirectory, "keys");
        if (command == "backup")
        {
            try
            {
                var result = await SqliteBackup.BackupAsync(connectionString, keys, file, ct);
                Console.WriteLine($"Backed up to {result.File} ({result.Bytes} bytes, integrity ok) and {result.Keys} keys to {SqliteBackup.KeysFolderOf(result.File)} in {result.Duration.TotalSeconds:0.0} s.");
                return 0;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"The backup failed: {e.Message}");
                return 1;
            }
        }

        using var held = DataDirectoryLock.TryAcquire(taker.DataDirectory);
        if (held is null)
        {
            await Console.Error.WriteLineAsync($"Refused: an Entry server (or another restore) is running on {taker.DataDirectory}. Stop it first, then restore.");
            return 1;
        }
        var refusal = await SqliteBackup.RefusalAsync(file, SqliteBackup.KnownMigrations(db), ct);
        if (refusal is not null)
        {
            await Console.Error.WriteLineAsync($"Refused: {refusal}");
            return 1;
        }
        var target = SqliteBackup.DatabaseFile(connectionString);
        var (aside, restoredKeys) = SqliteBackup.Restore(file, target, keys, DateTimeOffset.UtcNow);
        Console.WriteLine($"Restored {file} to {target}; {restoredKeys} keys added to {keys}.");
        if (aside is not null)
        {
            Console.WriteLine($"The previous database is kept as {aside} (rename it back to undo).");
        }
        if (!Directory.Exists(SqliteBackup.KeysFolderOf(file)))
        {
            Console.WriteLine("The backup has no keys folder beside it: users must sign in again.");
        }
        return 0;
    }
}
