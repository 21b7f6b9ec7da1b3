using Entry.Shared.Books;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Entry.Server.Features.Reports;

/// <summary>
/// The counters of one scope (<c>province</c>, <c>district:688</c>, <c>unit:25216</c>) and type at the end of a day (the 22:00 job),
/// with the target and books of that moment, so a report can show the change since an earlier one.
/// </summary>
public sealed class DailySnapshot
{
    public long Id { get; init; }
    public required DateOnly Date { get; init; }
    public required string Scope { get; init; }
    public required BookType Type { get; init; }
    public long Target { get; set; }
    public int Books { get; set; }
    public int BooksFinished { get; set; }
    public long Entered { get; set; }
    public long Flagged { get; set; }
    public long Verified { get; set; }
    public long Skipped { get; set; }
    public long Synced { get; set; }
    public long Rejected { get; set; }
    public DateTimeOffset TakenAt { get; set; }
}

internal sealed class DailySnapshotConfiguration : IEntityTypeConfiguration<DailySnapshot>
{
    public void Configure(EntityTypeBuilder<DailySnapshot> snapshot)
    {
        snapshot.ToTable("DailySnapshots");
        snapshot.Property(s => s.Scope).HasMaxLength(64);
        snapshot.Property(s => s.TakenAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        snapshot.HasIndex(s => new { s.Date, s.Scope, s.Type }).IsUnique();
    }
}
