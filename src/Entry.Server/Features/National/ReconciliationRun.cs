using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.National;

/// <summary>
/// One comparison of Entry's books with the national database. Stored as running when it starts; its totals and
/// differences are stored together when it completes, or only its reason when it fails.
/// </summary>
public sealed class ReconciliationRun
{
    public const string Nightly = "nightly";
    public const string Manual = "manual";

    public long Id { get; init; }
    public required string Trigger { get; init; }
    public string? RequestedBy { get; init; }
    public ReconciliationStatus Status { get; set; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int BooksChecked { get; set; }
    public int EntryDelivered { get; set; }
    public int NationalRecords { get; set; }
    /// <summary>All the differences found; at most the configured maximum of them are stored.</summary>
    public int Differences { get; set; }
    public int DifferencesStored { get; set; }
    public string? FailureReason { get; set; }
}

/// <summary>A difference found by a run (see <see cref="ReconciliationDifferenceKind"/>).</summary>
public sealed class ReconciliationDifferenceRecord
{
    public long Id { get; init; }
    public required long RunId { get; init; }
    public required string BookCode { get; init; }
    public int? EntryNumber { get; init; }
    public Guid? SourceId { get; init; }
    public string? RecordId { get; init; }
    public required ReconciliationDifferenceKind Kind { get; init; }
    public required string Detail { get; init; }
}

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> run)
    {
        run.ToTable("ReconciliationRuns");
        run.HasIndex(r => r.Status);
        run.Property(r => r.Trigger).HasMaxLength(16);
        run.Property(r => r.RequestedBy).HasMaxLength(256);
        run.Property(r => r.FailureReason).HasMaxLength(500);
    }
}

internal sealed class ReconciliationDifferenceConfiguration : IEntityTypeConfiguration<ReconciliationDifferenceRecord>
{
    public void Configure(EntityTypeBuilder<ReconciliationDifferenceRecord> difference)
    {
        difference.ToTable("ReconciliationDifferences");
        difference.HasOne<ReconciliationRun>().WithMany().HasForeignKey(d => d.RunId).OnDelete(DeleteBehavior.Cascade);
        difference.HasIndex(d => d.RunId);
        difference.Property(d => d.BookCode).HasMaxLength(64);
        difference.Property(d => d.RecordId).HasMaxLength(64);
        difference.Property(d => d.Detail).HasMaxLength(300);
    }
}
