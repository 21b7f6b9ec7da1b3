using Entry.Server.Features.Books;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Quality;

/// <summary>
/// One quality pass of a finished book: round 1 is the sample drawn when the book finished; a book that fails is re-keyed
/// in full in round 2 (and on). The seed and each clerk's rate are kept with the drawn numbers, so the draw can be
/// repeated and audited (<see cref="SampleDraw"/>).
/// </summary>
public sealed class QualityPass
{
    public long Id { get; init; }
    public required int BookId { get; init; }
    public Book? Book { get; init; }
    /// <summary>The team whose queue held the book when it was drawn: its clerks re-key, its officers arbitrate.</summary>
    public required int TeamId { get; init; }
    public required int Round { get; init; }
    /// <summary>Every logged entry, not a sample.</summary>
    public required bool Full { get; init; }
    public required long Seed { get; init; }
    /// <summary>JSON: the rate each clerk's entries were drawn at (user id → rate); a clerk's first cases are drawn at the new-clerk rate.</summary>
    public required string Rates { get; init; }
    public required DateTimeOffset DrawnAt { get; init; }
    public QualityPassState State { get; set; }
    public int FieldsCompared { get; set; }
    public int FieldsWrong { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>
/// One drawn entry of a pass: the case, who keyed it first and at which rate it was drawn; then the second keying
/// (blind: stored before anyone compares), the fields that differ, and the arbiter's decision.
/// </summary>
public sealed class QualityItem
{
    public long Id { get; init; }
    public required long PassId { get; init; }
    public QualityPass? Pass { get; init; }
    public required int BookId { get; init; }
    public required int EntryNumber { get; init; }
    public required Guid EntryId { get; init; }
    public required string FirstClerkId { get; init; }
    /// <summary>The team the case was logged by (the figures' team).</summary>
    public required int FirstTeamId { get; init; }
    /// <summary>The probability the draw gave this entry: its weight in the accuracy estimate is 1 / rate.</summary>
    public required double Rate { get; init; }
    public QualityItemState State { get; set; }

    /// <summary>The client's id of the second keying: a retry with the same id and body is answered again.</summary>
    public Guid? SecondId { get; set; }
    public string? SecondKeyerId { get; set; }
    /// <summary>JSON: the second keying, normalised as at entry.</summary>
    public string? Second { get; set; }
    public string? SecondHash { get; set; }
    public DateTimeOffset? SecondKeyedAt { get; set; }
    /// <summary>JSON: the first keying's fields when compared (what the error count is measured against).</summary>
    public string? FirstAtComparison { get; set; }
    public int ComparedVersion { get; set; }
    /// <summary>JSON: the names of the fields that differ.</summary>
    public string? Differing { get; set; }
    public int FieldsCompared { get; set; }
    /// <summary>Fields of the first keying the decision proved wrong (0 when both keyings matched).</summary>
    public int FieldsWrong { get; set; }
    public int SecondFieldsWrong { get; set; }

    public ArbitrationChoice? Choice { get; set; }
    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public bool IsSettled => State is QualityItemState.Matched or QualityItemState.Decided;
}

/// <summary>A clerk holding a book's quality pass during one shift: one holder per book, one book per clerk.</summary>
public sealed class QualityClaim
{
    public long Id { get; init; }
    public required int BookId { get; init; }
    public Book? Book { get; init; }
    public required long PassId { get; init; }
    public required string UserId { get; init; }
    public required int TeamId { get; init; }
    public required DateOnly ShiftDate { get; init; }
    public required int Shift { get; init; }
    public required DateTimeOffset ClaimedAt { get; init; }
}

/// <summary>The Admin's quality settings: one row; absent, the defaults of <see cref="QualitySettingsDto"/>.</summary>
public sealed class QualitySettingsRecord
{
    public int Id { get; init; } = 1;
    public double SampleRate { get; set; }
    public int NewClerkCases { get; set; }
    public double NewClerkRate { get; set; }
    public double HighErrorRate { get; set; }
    public double HighErrorSampleRate { get; set; }
    public double LowErrorRate { get; set; }
    public int LowErrorMinFields { get; set; }
    public double LowErrorSampleRate { get; set; }
    public double AcceptanceErrorRate { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class QualityConfiguration : IEntityTypeConfiguration<QualityPass>, IEntityTypeConfiguration<QualityItem>,
    IEntityTypeConfiguration<QualityClaim>, IEntityTypeConfiguration<QualitySettingsRecord>
{
    public void Configure(EntityTypeBuilder<QualityPass> pass)
    {
        pass.ToTable("QualityPasses");
        pass.HasOne(p => p.Book).WithMany().HasForeignKey(p => p.BookId).OnDelete(DeleteBehavior.Cascade);
        pass.HasIndex(p => new { p.BookId, p.Round }).IsUnique();
        pass.HasIndex(p => new { p.TeamId, p.State });
    }

    public void Configure(EntityTypeBuilder<QualityItem> item)
    {
        item.ToTable("QualityItems");
        item.HasOne(i => i.Pass).WithMany().HasForeignKey(i => i.PassId).OnDelete(DeleteBehavior.Cascade);
        item.HasIndex(i => new { i.PassId, i.EntryNumber }).IsUnique();
        item.HasIndex(i => i.FirstClerkId);
        item.HasIndex(i => i.EntryId);
        item.HasIndex(i => i.State);
        item.Property(i => i.FirstClerkId).HasMaxLength(64);
        item.Property(i => i.SecondKeyerId).HasMaxLength(64);
        item.Property(i => i.SecondHash).HasMaxLength(64);
        item.Ignore(i => i.IsSettled);
    }

    public void Configure(EntityTypeBuilder<QualityClaim> claim)
    {
        claim.ToTable("QualityClaims");
        claim.HasOne(c => c.Book).WithMany().HasForeignKey(c => c.BookId).OnDelete(DeleteBehavior.Cascade);
        claim.HasIndex(c => c.BookId).IsUnique();
        claim.HasIndex(c => c.UserId).IsUnique();
        claim.Property(c => c.UserId).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<QualitySettingsRecord> settings)
    {
        settings.ToTable("QualitySettings");
        settings.Property(s => s.Id).ValueGeneratedNever();
    }
}
