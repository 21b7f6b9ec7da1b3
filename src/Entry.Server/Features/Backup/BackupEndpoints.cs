using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Entry.Server.Data;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Backup;

/// <summary><c>Entry:Backup:*</c>: where the Admin's online backups go and how many are kept.</summary>
public sealed class BackupOptions
{
    public const string Section = "Entry:Backup";

    /// <summary>Folder of the backups; empty = <c>backups</c> in the data directory.</summary>
    public string? Directory { get; set; }

    /// <summary>How many of the most recent backups the endpoint keeps (older ones are deleted after a new one is complete).</summary>
    [Range(1, 1000)]
    public int Keep { get; set; } = 7;
}

public sealed record BackupResponse(string File, long Bytes, int Keys, long DurationMilliseconds, int Kept);

/// <summary>Takes one backup at a time into the backups folder, named by time, and prunes to the newest <c>Keep</c>.</summary>
public sealed partial class BackupTaker(IOptions<BackupOptions> options, IOptions<EntryOptions> entry, IHostEnvironment environment,
    TimeProvider time, ILogger<BackupTaker> logger)
{
    private readonly SemaphoreSlim one = new(1, 1);

    public string DataDirectory => Path.GetFullPath(Path.IsPathRooted(entry.Value.DataDirectory)
        ? entry.Value.DataDirectory : Path.Combine(environment.ContentRootPath, entry.Value.DataDirectory));

    public string Folder => string.IsNullOrWhiteSpace(options.Value.Directory) ? Path.Combine(DataDirectory, "backups") : Path.GetFullPath(options.Value.Directory);

    /// <summary>The backup, or null when another one is being taken.</summary>
    public async Task<BackupResponse?> TakeAsync(string connectionString, CancellationToken ct)
    {
        if (!await one.WaitAsync(0, ct))
        {
            return null;
        }
        try
        {
            var name = $"entry-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.db";
            var result = await SqliteBackup.BackupAsync(connectionString, Path.Combine(DataDirectory, "keys"), Path.Combine(Folder, name), ct);
            var kept = Prune();
            LogBackup(name, result.Bytes, (long)result.Duration.TotalMilliseconds);
            return new BackupResponse(name, result.Bytes, result.Keys, (long)result.Duration.TotalMilliseconds, kept);
        }
        finally
        {
            one.Release();
        }
    }

    private int Prune()
    {
        // The names sort by time.
        var backups = System.IO.Directory.EnumerateFiles(Folder, "entry-*.db").Order(StringComparer.Ordinal).ToList();
        foreach (var old in backups.Take(Math.Max(0, backups.Count - options.Value.Keep)))
        {
            File.Delete(old);
            var keys = SqliteBackup.KeysFolderOf(old);
            if (System.IO.Directory.Exists(keys))
            {
                System.IO.Directory.Delete(keys, recursive: true);
            }
        }
        return Math.Min(backups.Count, options.Value.Keep);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Name} written: {Bytes} bytes in {Milliseconds} ms")]
    private partial void LogBackup(string name, long bytes, long milliseconds);
}

public static class BackupEndpoints
{
    public static IServiceCollection AddBackup(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BackupTaker>();
        return services;
    }

    public static RouteGroupBuilder MapBackup(this RouteGroupBuilder group)
    {
        group.WithTags("Operations");
        group.MapPost("/backup", Take)
            .RequireRoles(Roles.Admin)
            .WithSummary("An online backup of the SQLite database and the data-protection keys into the backups folder (entry-yyyyMMdd-HHmmss.db and .keys/), checked, the newest Entry:Backup:Keep kept. 409 while another runs; 409 on PostgreSQL (use pg_dump).");
        return group;
    }

    private static async Task<Results<Created<BackupResponse>, ProblemHttpResult>> Take(BackupTaker taker, EntryDb db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "This server does not run on SQLite: back up its database with the database's own tools (pg_dump).");
        }
        var result = await taker.TakeAsync(db.Database.GetConnectionString()!, ct);
        if (result is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "A backup is being taken; try again when it is finished.");
        }
        return TypedResults.Created($"/api/operations/backup/{result.File}", result);
    }
}
