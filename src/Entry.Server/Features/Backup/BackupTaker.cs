using System.Globalization;
using Entry.Server.Data;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Backup;

/// <summary>
/// Takes the named backups of the backups folder (<c>entry-yyyyMMdd-HHmmss.db</c>, UTC, with its <c>.keys</c> folder), one
/// at a time, and keeps the newest <c>Entry:Backup:Keep</c>. Used by the endpoint, the nightly job and <c>backup</c>
/// without a file.
/// </summary>
public sealed partial class BackupTaker(DataFiles files, IOptions<BackupOptions> options, IHostEnvironment environment,
    TimeProvider time, ILogger<BackupTaker> logger)
{
    private readonly SemaphoreSlim one = new(1, 1);

    public string Folder => string.IsNullOrWhiteSpace(options.Value.Directory)
        ? Path.Combine(files.DataDirectory, "backups")
        : Path.GetFullPath(Path.IsPathRooted(options.Value.Directory) ? options.Value.Directory : Path.Combine(environment.ContentRootPath, options.Value.Directory));

    public sealed record Taken(string Name, SqliteBackup.Result Result, int Kept);

    /// <summary>A new backup in the folder, or null when another one is being taken right now.</summary>
    public async Task<Taken?> TakeAsync(CancellationToken ct)
    {
        if (!await one.WaitAsync(0, ct))
        {
            return null;
        }
        try
        {
            var target = NewName();
            // The copy is synchronous I/O of the whole file: off the request's thread.
            var result = await Task.Run(() => SqliteBackup.Backup(files.DatabaseFile, files.KeysDirectory, target), ct);
            var kept = Prune();
            var name = Path.GetFileName(target);
            LogTaken(name, result.Bytes, result.Cases, (long)result.Duration.TotalMilliseconds);
            return new Taken(name, result, kept);
        }
        finally
        {
            one.Release();
        }
    }

    private string NewName()
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var target = Path.Combine(Folder, $"entry-{stamp}.db");
        // Two backups within one second: the second gets a suffix rather than replacing the first.
        for (var n = 2; File.Exists(target); n++)
        {
            target = Path.Combine(Folder, $"entry-{stamp}-{n}.db");
        }
        return target;
    }

    private int Prune()
    {
        var backups = Directory.EnumerateFiles(Folder, "entry-*.db")
            .OrderBy(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal).ToList();
        foreach (var old in backups.Take(Math.Max(0, backups.Count - options.Value.Keep)))
        {
            File.Delete(old);
            var keys = SqliteBackup.KeysFolderOf(old);
            if (Directory.Exists(keys))
            {
                Directory.Delete(keys, recursive: true);
            }
        }
        return Math.Min(backups.Count, options.Value.Keep);
    }

    [LoggerMessage(EventId = 9300, Level = LogLevel.Information, Message = "Backup {Name} written: {Bytes} bytes, {Cases} cases, in {Milliseconds} ms")]
    private partial void LogTaken(string name, long bytes, int cases, long milliseconds);
}
