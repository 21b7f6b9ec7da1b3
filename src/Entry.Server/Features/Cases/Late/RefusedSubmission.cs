using Entry.Server.Features.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Cases;

/// <summary>
/// A case or skip that reached the server after its clerk's claim and was refused by the late-arrivals rule: it stays in
/// the clerk's browser queue, and this row lets them and their leader see it. It holds no personal data — the ids, the
/// book and entry number, when it was typed and why it was refused — never the case's content.
/// </summary>
public sealed class RefusedSubmission
{
    /// <summary>The entry's own id, as the clerk's queue sends it.</summary>
    public Guid Id { get; init; }
    /// <summary><c>case</c> or <c>skip</c>.</summary>
    public required string Kind { get; init; }
    public required string ClerkId { get; init; }
    public EntryUser? Clerk { get; init; }
    /// <summary>The team of the clerk's claim nearest the typing time, else the book's team: whose leader sees it.</summary>
    public int? TeamId { get; set; }
    public required string BookCode { get; init; }
    public required int EntryNumber { get; init; }
    public required DateTimeOffset TypedAt { get; init; }
    /// <summary>The stable code of the refusal (<see cref="LateArrivals"/>).</summary>
    public required string Reason { get; set; }
    public required DateTimeOffset FirstRefusedAt { get; init; }
    public required DateTimeOffset LastRefusedAt { get; set; }
    public int Attempts { get; set; } = 1;
}

internal sealed class RefusedSubmissionConfiguration : IEntityTypeConfiguration<RefusedSubmission>
{
    public void Configure(EntityTypeBuilder<RefusedSubmission> row)
    {
        row.ToTable("RefusedSubmissions");
        row.Property(r => r.Id).ValueGeneratedNever();
        row.Property(r => r.Kind).HasMaxLength(8);
        row.Property(r => r.BookCode).HasMaxLength(64);
        row.Property(r => r.Reason).HasMaxLength(64);
        row.HasOne(r => r.Clerk).WithMany().HasForeignKey(r => r.ClerkId).OnDelete(DeleteBehavior.Cascade);
        row.HasIndex(r => r.TeamId);
        row.HasIndex(r => r.ClerkId);
    }
}
