using Entry.Server.Features.Auth;
using Entry.Server.Features.Books;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.CountReports;

/// <summary>A clerk or leader saying a book holds another number of cases than the inventory; an Admin accepts or rejects it.</summary>
public sealed class CountReport
{
    public long Id { get; init; }
    public required int BookId { get; init; }
    public Book? Book { get; init; }
    /// <summary>The book's case count when reported.</summary>
    public required int InventoryCount { get; init; }
    public required int ReportedCount { get; init; }
    public string? Note { get; init; }
    public required string ReportedById { get; init; }
    public EntryUser? ReportedBy { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public CountReportStatus Status { get; set; }
    public int? DecidedCount { get; set; }
    public string? DecisionReason { get; set; }
    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

internal sealed class CountReportConfiguration : IEntityTypeConfiguration<CountReport>
{
    public void Configure(EntityTypeBuilder<CountReport> report)
    {
        report.ToTable("CountReports");
        report.HasOne(r => r.Book).WithMany().HasForeignKey(r => r.BookId).OnDelete(DeleteBehavior.Cascade);
        report.HasOne(r => r.ReportedBy).WithMany().HasForeignKey(r => r.ReportedById).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<EntryUser>().WithMany().HasForeignKey(r => r.DecidedById).OnDelete(DeleteBehavior.Restrict);
        report.Property(r => r.Note).HasMaxLength(500);
        report.Property(r => r.DecisionReason).HasMaxLength(500);
        // One pending report per book; races settle here. The filter reads the same in SQLite and PostgreSQL.
        report.HasIndex(r => r.BookId).IsUnique().HasFilter("\"Status\" = 0");
        report.HasIndex(r => new { r.Status, r.ReportedAt });
    }
}
