using Entry.Server.Features.Auth;
using Entry.Server.Features.Books;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Cases;

/// <summary>
/// One entry number of a book: a logged case, or a number skipped with a reason (no case data). The type-specific
/// fields (names, dates of birth, citizen IDs: personal data) are kept as the JSON of the book type's object, names in
/// Unicode NFC. Skips share the table so that (book, entry number) stays unique across cases and skips; a skip keeps
/// page 0, <see cref="DateOnly.MinValue"/> and <c>{}</c> in the case columns.
/// </summary>
public sealed class CaseEntry
{
    /// <summary>The client's id: a retried submission with the same id is stored once.</summary>
    public required Guid Id { get; init; }
    public required int BookId { get; init; }
    public Book? Book { get; init; }
    public required BookType Type { get; init; }
    public required int EntryNumber { get; set; }
    public required DateOnly RegistrationDate { get; set; }
    public required int Page { get; set; }
    public required bool NeedsVerification { get; set; }
    public VerificationReason? VerificationReason { get; set; }
    /// <summary>Entered or flagged as logged; verified by a civil-registry officer; skipped.</summary>
    public CaseStatus Status { get; set; }
    public SkipReason? SkipReason { get; init; }
    public string? SkipNote { get; init; }
    /// <summary>1 when stored, +1 per correction or verification (the <c>If-Match</c> of a correction).</summary>
    public int Version { get; set; } = 1;
    /// <summary>The JSON of the birth, marriage, death or adoption object.</summary>
    public required string Details { get; set; }
    /// <summary>SHA-256 of the normalised request: the same id with another body is a conflict.</summary>
    public required string RequestHash { get; init; }
    public required string ClerkId { get; init; }
    public EntryUser? Clerk { get; init; }
    public required int TeamId { get; init; }
    public required DateOnly ShiftDate { get; init; }
    public required int Shift { get; init; }
    public required DateTimeOffset StoredAt { get; init; }

    /// <summary>Pending until the national database accepts it (Synced, with its record id) or rejects it.</summary>
    public NationalSyncState NationalState { get; set; }
    public string? NationalRecordId { get; set; }
    /// <summary>When the national side last accepted or rejected it.</summary>
    public DateTimeOffset? NationalAnsweredAt { get; set; }
    /// <summary>The national side's reasons by field, as JSON (it never quotes values).</summary>
    public string? NationalErrors { get; set; }

    public bool IsSkipped => Status == CaseStatus.Skipped;
}

internal sealed class CaseEntryConfiguration : IEntityTypeConfiguration<CaseEntry>
{
    public void Configure(EntityTypeBuilder<CaseEntry> entry)
    {
        entry.ToTable("CaseEntries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.HasOne(e => e.Book).WithMany().HasForeignKey(e => e.BookId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne(e => e.Clerk).WithMany().HasForeignKey(e => e.ClerkId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => new { e.BookId, e.EntryNumber }).IsUnique();
        entry.HasIndex(e => new { e.TeamId, e.ShiftDate, e.Shift });
        entry.Ignore(e => e.IsSkipped);
        entry.Property(e => e.RequestHash).HasMaxLength(64);
        entry.Property(e => e.SkipNote).HasMaxLength(500);
        entry.Property(e => e.Version).IsConcurrencyToken();
        // The team's verification queue.
        entry.HasIndex(e => new { e.TeamId, e.Status, e.StoredAt });
        // The team's correction queue: cases the national side rejected.
        entry.HasIndex(e => new { e.TeamId, e.NationalState });
        entry.Property(e => e.NationalRecordId).HasMaxLength(64);
    }
}
