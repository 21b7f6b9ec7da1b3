using Entry.Server.Features.Auth;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Cases;

/// <summary>One correction or verification of a stored case: the fields it changed, before and after, as JSON.</summary>
public sealed class CaseRevisionRecord
{
    public long Id { get; init; }
    public required Guid EntryId { get; init; }
    /// <summary>The case's version this revision made (2 for the first change).</summary>
    public required int Version { get; init; }
    public required RevisionKind Kind { get; init; }
    public required string ChangedById { get; init; }
    public EntryUser? ChangedBy { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
    /// <summary>The JSON array of <see cref="FieldChange"/>: personal data, like the case itself.</summary>
    public required string Changes { get; init; }
}

internal sealed class CaseRevisionConfiguration : IEntityTypeConfiguration<CaseRevisionRecord>
{
    public void Configure(EntityTypeBuilder<CaseRevisionRecord> revision)
    {
        revision.ToTable("CaseRevisions");
        revision.HasOne<CaseEntry>().WithMany().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Cascade);
        revision.HasOne(r => r.ChangedBy).WithMany().HasForeignKey(r => r.ChangedById).OnDelete(DeleteBehavior.Restrict);
        revision.HasIndex(r => new { r.EntryId, r.Version }).IsUnique();
    }
}
