using Entry.Server.Data;
using Entry.Server.Features.Backup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Cli;

/// <summary>
/// <c>backup [FILE]</c>: an online backup of the database the server's configuration names (while the server runs), to FILE
/// (an existing folder: a timestamped name inside it) with the keys in FILE's <c>.keys</c> folder; without FILE into the
/// backups folder, as the endpoint does. <c>restore FILE</c>: FILE in place of the database, refused while a server holds
/// the data directory's lock or when FILE is not a sound Entry backup this build can open. Exit codes: 0 done, 1 refused
/// or failed, 2 usage.
/// </summary>
public static class BackupCommands
{
    public static int Run(IServiceProvider services, string command, string? file)
    {
        var files = services.GetRequiredService<DataFiles>();
        var db = services.GetRequiredService<EntryDb>();
        if (!db.Database.IsSqlite())
        {
            Console.Error.WriteLine("This server is configured for a database server, not SQLite: use its own tools (pg_dump, pg_restore).");
            return 1;
        }
        try
        {
            return command == "backup" ? Backup(services, files, file) : Restore(files, db, file!);
        }
        catch (Exception e) when (e is BackupException or SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{(command == "backup" ? "The backup failed" : "Refused")}: {e.Message}");
            Console.Error.WriteLine(command == "backup" ? "Nothing was written." : $"The database {files.DatabaseFile} is as it was.");
            return 1;
        }
    }

    private static int Backup(IServiceProvider services, DataFiles files, string? file)
    {
        Console.WriteLine($"Backing up {files.DatabaseFile}");
        string name;
        SqliteBackup.Result result;
        if (file is null)
        {
            var taker = services.GetRequiredService<BackupTaker>();
            // This process takes no other backup: the taker is free.
            var taken = taker.TakeAsync(CancellationToken.None).GetAwaiter().GetResult()!;
            (name, result) = (Path.Combine(taker.Folder, taken.Name), taken.Result);
        }
        else
        {
            name = Directory.Exists(file)
                ? Path.Combine(file, $"entry-{DateTime.UtcNow:yyyyMMdd-HHmmss}.db")
                : file;
            result = SqliteBackup.Backup(files.DatabaseFile, files.KeysDirectory, name);
        }
        Console.WriteLine($"Wrote {name}: {result.Bytes} bytes, {result.Cases} cases, integrity ok, in {result.Duration.TotalSeconds:0.0} s; "
            + $"{result.Keys} keys in {SqliteBackup.KeysFolderOf(name)}. Copy both off this machine.");
        return 0;
    }

    private static int Restore(DataFiles files, EntryDb db, string file)
    {
        using var held = new DataDirectoryLock(files.DataDirectory);
        if (!held.TryAcquire())
        {
            Console.Error.WriteLine($"Refused: an Entry server (or another restore) is using {files.DataDirectory} (it holds {held.File}). "
                + "Stop the server, then restore.");
            Console.Error.WriteLine($"The database {files.DatabaseFile} is as it was.");
            return 1;
        }
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var restored = SqliteBackup.Restore(file, files.DatabaseFile, files.KeysDirectory, known, DateTimeOffset.UtcNow);
        Console.WriteLine($"Restored {file} ({restored.Cases} cases, integrity ok) to {restored.DatabaseFile}; {restored.KeysAdded} keys added to {files.KeysDirectory}.");
        if (restored.KeptAside is not null)
        {
            Console.WriteLine($"The previous database is kept as {restored.KeptAside} (rename it back, with the server stopped, to undo).");
        }
        if (!restored.HadKeys)
        {
            Console.WriteLine("The backup has no keys folder beside it: everyone signs in again.");
        }
        return 0;
    }
}
