using System.Linq.Expressions;
using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Shared.Auth;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Teams;

/// <summary>
/// What the caller may do with one team: an Admin anything, a leader their own team, a monitor read a team of their area
/// (<see cref="MonitorArea"/>: the province, or their district), a member read their own team.
/// </summary>
public sealed record TeamScope(bool Exists, bool IsAdmin, bool IsMonitor, bool IsLeader, bool IsMember)
{
    public bool CanManage => Exists && (IsAdmin || IsLeader);
    public bool CanRead => Exists && (IsAdmin || IsMonitor || IsLeader || IsMember);
}

public sealed class TeamAccess(EntryDb db, MonitorAreas areas)
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary><see cref="TeamScope.IsMonitor"/> holds only for a Monitor whose area holds the team's unit.</summary>
    public async Task<TeamScope> ForAsync(ClaimsPrincipal user, int teamId, CancellationToken ct)
    {
        var userId = UserId(user);
        var team = await db.Teams.AsNoTracking()
            .Where(t => t.Id == teamId)
            .Select(t => new { t.LeaderId, IsMember = t.Members.Any(m => m.UserId == userId), t.Unit!.DistrictCode })
            .FirstOrDefaultAsync(ct);
        if (team is null)
        {
            return new TeamScope(false, false, false, false, false);
        }
        return new TeamScope(
            Exists: true,
            IsAdmin: user.IsInRole(Roles.Admin),
            IsMonitor: user.IsInRole(Roles.Monitor) && (await areas.OfAsync(user, ct)).MaySeeDistrict(team.DistrictCode),
            IsLeader: userId is not null && team.LeaderId == userId && user.IsInRole(Roles.TeamLeader),
            IsMember: team.IsMember);
    }

    /// <summary>The teams whose <see cref="TeamScope.CanRead"/> holds for the caller, as a filter for lists.</summary>
    public async Task<Expression<Func<Team, bool>>> ReadableAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = UserId(user);
        var area = user.IsInRole(Roles.Monitor) || user.IsInRole(Roles.Admin) ? await areas.OfAsync(user, ct) : MonitorArea.Nothing;
        var all = area.Province;
        var district = area.District;
        var leader = user.IsInRole(Roles.TeamLeader);
        return t => all
            || (district != null && t.Unit!.DistrictCode == district)
            || (leader && userId != null && t.LeaderId == userId)
            || t.Members.Any(m => m.UserId == userId);
    }

    /// <summary>The team the caller belongs to (as leader or member), if any.</summary>
    public async Task<int?> TeamOfAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = UserId(user);
        return await db.TeamMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => (int?)m.TeamId).FirstOrDefaultAsync(ct)
            ?? await db.Teams.AsNoTracking().Where(t => t.LeaderId == userId).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
    }
}
