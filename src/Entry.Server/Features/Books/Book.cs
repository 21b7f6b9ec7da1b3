using Entry.Server.Features.Units;
using Entry.Shared.Books;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Books;

/// <summary>One paper register of the inventory.</summary>
public sealed class Book
{
    public int Id { get; init; }
    /// <summary>Unique in the province.</summary>
    public required string Code { get; init; }
    /// <summary>The unit holding the book.</summary>
    public required string UnitCode { get; set; }
    public AdministrativeUnit? Unit { get; init; }
    public required BookType Type { get; set; }
    /// <summary>The label written on the book ("1", "Quyển 1, tập 2", "01/2005"): see <see cref="VolumeLabels"/>.</summary>
    public required string Volume { get; set; }
    public required DateOnly RegisteredFrom { get; set; }
    public required DateOnly RegisteredTo { get; set; }
    public required int CaseCount { get; set; }
    public required BookCondition Condition { get; set; }
    public BookStatus Status { get; set; } = BookStatus.NotStarted;
    /// <summary>Its quality control once finished: sample waiting, arbitration, accepted, failed and re-keyed in full.</summary>
    public Entry.Shared.Quality.BookQuality Quality { get; set; }
    /// <summary>The team whose queue holds the book; a book is in at most one queue.</summary>
    public int? TeamId { get; set; }
    /// <summary>1-based place in the team's queue.</summary>
    public int QueuePosition { get; set; }
    /// <summary>Given to its team by an Admin's decision: the planner leaves it there.</summary>
    public bool AssignedByAdmin { get; set; }
    public DateTimeOffset ImportedAt { get; init; }

    /// <summary>Its period runs past the cut-off: the cases registered from 2019-04-01 on are refused at entry.</summary>
    public bool SpansCutoff => RegisteredTo >= BookNames.Cutoff;
}

internal sealed class BookConfiguration : IEntityTypeConfiguration<Book>
{
    public void Configure(EntityTypeBuilder<Book> book)
    {
        book.ToTable("Books");
        book.HasKey(b => b.Id);
        // NOCASE: a code is unique, and found, regardless of letter case (BookCodes allows ASCII only, which NOCASE folds).
        book.Property(b => b.Code).HasMaxLength(BookCodes.MaxLength).UseCollation("NOCASE");
        book.HasIndex(b => b.Code).IsUnique();
        book.Property(b => b.Volume).HasMaxLength(VolumeLabels.MaxLength);
        book.Property(b => b.UnitCode).HasMaxLength(16);
        book.HasOne(b => b.Unit).WithMany().HasForeignKey(b => b.UnitCode).OnDelete(DeleteBehavior.Restrict);
        // The order of work (SPEC §3): type priority, then condition, then oldest period first.
        book.HasIndex(b => new { b.UnitCode, b.Type, b.Condition, b.RegisteredFrom });
        book.HasIndex(b => b.Status);
        book.HasOne<Entry.Server.Features.Teams.Team>().WithMany().HasForeignKey(b => b.TeamId).OnDelete(DeleteBehavior.SetNull);
        book.HasIndex(b => new { b.TeamId, b.QueuePosition });
        book.Ignore(b => b.SpansCutoff);
    }
}
