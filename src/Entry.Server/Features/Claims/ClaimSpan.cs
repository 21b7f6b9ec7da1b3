using Entry.Server.Features.Books;
using Entry.Server.Features.Shifts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Claims;

/// <summary>
/// The history of claims: one row per claim, written with it and kept after it ends (a <see cref="Claim"/> row is
/// deleted when its claim ends). A case typed during a claim that reaches the server after the claim ended is judged
/// against these rows (the late-arrivals rule, <c>Features/Cases/LateArrivals</c>).
/// </summary>
public sealed class ClaimSpan
{
    public long Id { get; init; }
    public required int BookId { get; init; }
    public Book? Book { get; init; }
    public required string UserId { get; init; }
    public required int TeamId { get; init; }
    public required DateOnly ShiftDate { get; init; }
    public required int Shift { get; init; }
    public required DateTimeOffset ClaimedAt { get; init; }
    /// <summary>When the claim was released, its book finished or its clerk taken off; null while it is held.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the claim stopped letting its clerk write: its end, and at the latest its shift's close.</summary>
    public DateTimeOffset Ends
    {
        get
        {
            var close = ShiftCalendar.End(ShiftDate, Shift);
            return EndedAt is { } ended && ended < close ? ended : close;
        }
    }
}

internal sealed class ClaimSpanConfiguration : IEntityTypeConfiguration<ClaimSpan>
{
    public void Configure(EntityTypeBuilder<ClaimSpan> span)
    {
        span.ToTable("ClaimSpans");
        span.HasOne(s => s.Book).WithMany().HasForeignKey(s => s.BookId).OnDelete(DeleteBehavior.Cascade);
        span.Ignore(s => s.Ends);
        span.HasIndex(s => new { s.BookId, s.UserId });
        // The open span of a book (at most one: one claim per book) is found by this when its claim ends.
        span.HasIndex(s => new { s.BookId, s.EndedAt });
    }
}
