using Entry.Server.Features.Auth;
using Entry.Server.Features.Units;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Teams;

/// <summary>An entry team of a unit: a leader and up to 12 members working on the team's computers.</summary>
public sealed class Team
{
    public const int FullSize = 12;

    public int Id { get; init; }
    public required string Name { get; set; }
    public required string UnitCode { get; set; }
    public AdministrativeUnit? Unit { get; init; }
    /// <summary>The leader's user id; the leader is also one of the members.</summary>
    public string? LeaderId { get; set; }
    public EntryUser? Leader { get; init; }
    public required int Computers { get; set; }
    public List<TeamMember> Members { get; init; } = [];

    public bool IsComplete => Members.Count >= FullSize;
}

/// <summary>A person's place in a team; a person belongs to at most one team.</summary>
public sealed class TeamMember
{
    public int Id { get; init; }
    public int TeamId { get; init; }
    public Team? Team { get; init; }
    public required string UserId { get; init; }
    public EntryUser? User { get; init; }
    public required MemberCategory Category { get; set; }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.ToTable("Teams");
        team.Property(t => t.Name).HasMaxLength(200);
        team.Property(t => t.UnitCode).HasMaxLength(16);
        team.HasOne(t => t.Unit).WithMany().HasForeignKey(t => t.UnitCode).OnDelete(DeleteBehavior.Restrict);
        team.HasOne(t => t.Leader).WithMany().HasForeignKey(t => t.LeaderId).OnDelete(DeleteBehavior.SetNull);
        team.HasMany(t => t.Members).WithOne(m => m.Team).HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        team.HasIndex(t => t.UnitCode);
        team.Ignore(t => t.IsComplete);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> member)
    {
        member.ToTable("TeamMembers");
        member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        member.HasIndex(m => m.UserId).IsUnique();
    }
}
