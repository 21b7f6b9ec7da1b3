using Entry.Shared.Books;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Progress;

/// <summary>
/// Running counts of one scope (a book, unit, district, the province, a team, a shift, a day) for one book type,
/// kept in the same transaction as the case that changes them, so reading progress never counts the cases table.
/// </summary>
public sealed class ProgressCounter
{
    public long Id { get; init; }
    /// <summary><c>province</c>, <c>district:688</c>, <c>unit:25216</c>, <c>book:42</c>, <c>team:7</c>, <c>shift:2026-11-23/3</c>, <c>day:2026-11-23</c>,
    /// <c>dshift:688:2026-11-23/3</c> (a district's cases of one shift).</summary>
    public required string Scope { get; init; }
    public required BookType Type { get; init; }
    public long Entered { get; set; }
    /// <summary>Cases waiting for verification now.</summary>
    public long Flagged { get; set; }
    /// <summary>Flagged cases a civil-registry officer has verified.</summary>
    public long Verified { get; set; }
    /// <summary>Entry numbers skipped with a reason.</summary>
    public long Skipped { get; set; }
    /// <summary>Cases the national database holds.</summary>
    public long Synced { get; set; }
    /// <summary>Cases the national database rejected, waiting for a correction.</summary>
    public long Rejected { get; set; }
}

internal sealed class ProgressCounterConfiguration : IEntityTypeConfiguration<ProgressCounter>
{
    public void Configure(EntityTypeBuilder<ProgressCounter> counter)
    {
        counter.ToTable("ProgressCounters");
        counter.Property(c => c.Scope).HasMaxLength(64);
        counter.HasIndex(c => new { c.Scope, c.Type }).IsUnique();
    }
}
