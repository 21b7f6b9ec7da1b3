using Entry.Server.Features.Auth;
using Entry.Server.Features.Books;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Claims;

/// <summary>A clerk holding a book during one shift. The unique indexes make "one clerk per book, one book per clerk" hold under races.</summary>
public sealed class Claim
{
    public long Id { get; init; }
    public required int BookId { get; init; }
    public Book? Book { get; init; }
    public required string UserId { get; init; }
    public EntryUser? User { get; init; }
    public required int TeamId { get; init; }
    /// <summary>The local date and number of the shift the claim belongs to; it ends when that shift closes.</summary>
    public required DateOnly ShiftDate { get; init; }
    public required int Shift { get; init; }
    public required DateTimeOffset ClaimedAt { get; init; }
}

internal sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> claim)
    {
        claim.ToTable("Claims");
        claim.HasOne(c => c.Book).WithMany().HasForeignKey(c => c.BookId).OnDelete(DeleteBehavior.Cascade);
        claim.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        claim.HasIndex(c => c.BookId).IsUnique();
        claim.HasIndex(c => c.UserId).IsUnique();
        claim.HasIndex(c => new { c.ShiftDate, c.Shift });
    }
}
