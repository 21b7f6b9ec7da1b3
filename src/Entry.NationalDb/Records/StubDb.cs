using Microsoft.EntityFrameworkCore;

namespace Entry.NationalDb.Records;

/// <summary>The stub's own SQLite file: never Entry's database.</summary>
public sealed class StubDb(DbContextOptions<StubDb> options) : DbContext(options)
{
    public DbSet<CivilRecord> Records => Set<CivilRecord>();
    public DbSet<IdempotentOperation> Operations => Set<IdempotentOperation>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<CivilRecord>(record =>
        {
            record.HasKey(r => r.RecordId);
            record.HasIndex(r => r.SourceId).IsUnique();
            record.HasIndex(r => new { r.BookCode, r.EntryNumber });
        });
        model.Entity<IdempotentOperation>(operation => operation.HasKey(o => o.Key));
    }
}

/// <summary>A record the national side holds.</summary>
public sealed class CivilRecord
{
    public required string RecordId { get; init; }
    public required Guid SourceId { get; init; }
    public required string Kind { get; set; }
    public required string BookCode { get; init; }
    public required int EntryNumber { get; set; }
    /// <summary>The request as JSON.</summary>
    public required string Body { get; set; }
    public required int Version { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The first answer given to an idempotency key, replayed when the same key comes again with the same body.</summary>
public sealed class IdempotentOperation
{
    public required string Key { get; init; }
    /// <summary>SHA-256 of the method, the path and the body.</summary>
    public required string RequestHash { get; init; }
    public required int StatusCode { get; init; }
    public required string Response { get; init; }
    public required DateTimeOffset At { get; init; }
}
