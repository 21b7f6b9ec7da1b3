using Entry.Server.Features.Auth;
using Entry.Server.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Rosters;

/// <summary>One member rostered on one shift of one day.</summary>
public sealed class RosterEntry
{
    public long Id { get; init; }
    public required int TeamId { get; init; }
    public Team? Team { get; init; }
    /// <summary>The local (Asia/Ho_Chi_Minh) date of the shift.</summary>
    public required DateOnly Date { get; init; }
    /// <summary>1, 2 or 3.</summary>
    public required int Shift { get; init; }
    public required string UserId { get; init; }
    public EntryUser? User { get; init; }
}

internal sealed class RosterEntryConfiguration : IEntityTypeConfiguration<RosterEntry>
{
    public void Configure(EntityTypeBuilder<RosterEntry> entry)
    {
        entry.ToTable("RosterEntries");
        entry.HasOne(e => e.Team).WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => new { e.TeamId, e.Date, e.Shift, e.UserId }).IsUnique();
        entry.HasIndex(e => new { e.Date, e.Shift, e.UserId });
    }
}
