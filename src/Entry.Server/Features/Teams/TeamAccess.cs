using System.Security.Claims;
using Entry.Server.Data;
using Entry.Shared.Auth;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Teams;

/// <summary>What the caller may do with one team: an Admin anything, a leader their own team, a monitor read.</summary>
public sealed record TeamScope(bool Exists, bool IsAdmin, bool IsMonitor, bool IsLeader, bool IsMember)
{
    public bool CanManage => Exists && (IsAdmin || IsLeader);
    public bool CanRead => Exists && (IsAdmin || IsMonitor || IsLeader || IsMember);
}

public sealed class TeamAccess(EntryDb db)
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<TeamScope> ForAsync(ClaimsPrincipal user, int teamId, CancellationToken ct)
    {
        var userId = UserId(user);
        var team = await db.Teams.AsNoTracking()
            .Where(t => t.Id == teamId)
            .Select(t => new { t.LeaderId, IsMember = t.Members.Any(m => m.UserId == userId) })
            .FirstOrDefaultAsync(ct);
        if (team is null)
        {
            return new TeamScope(false, false, false, false, false);
        }
        return new TeamScope(
            Exists: true,
            IsAdmin: user.IsInRole(Roles.Admin),
            IsMonitor: user.IsInRole(Roles.Monitor),
            IsLeader: userId is not null && team.LeaderId == userId && user.IsInRole(Roles.TeamLeader),
            IsMember: team.IsMember);
    }

    /// <summary>The team the caller belongs to (as leader or member), if any.</summary>
    public async Task<int?> TeamOfAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = UserId(user);
        return await db.TeamMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => (int?)m.TeamId).FirstOrDefaultAsync(ct)
            ?? await db.Teams.AsNoTracking().Where(t => t.LeaderId == userId).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
    }
}
