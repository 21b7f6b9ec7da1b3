using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Shared.Auth;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Live;

/// <summary>Where a scope lies: its district (null for the province, or a unit with no district above it).</summary>
public sealed record LiveScopeTarget(ScopeKey Scope, string? DistrictCode);

/// <summary>
/// What one user may watch. <see cref="MonitorsProvince"/>: a monitor with no unit or the province's; <see cref="MonitorsDistrict"/>:
/// the district of a monitor's unit otherwise. <see cref="TeamId"/> is the team the user leads or belongs to.
/// </summary>
public sealed record LiveViewer(bool IsAdmin, bool MonitorsProvince, string? MonitorsDistrict, bool IsLeader, bool IsClerk, int? TeamId, string? TeamUnitCode)
{
    /// <summary>
    /// Admin: any scope. Monitor without a district: any; a district monitor: that district, its units and their teams.
    /// TeamLeader: their team, their team's unit and the province totals. Clerk: their own team.
    /// </summary>
    public bool May(LiveScopeTarget target)
    {
        var scope = target.Scope;
        if (IsAdmin || MonitorsProvince)
        {
            return true;
        }
        if (MonitorsDistrict is not null && scope.Kind != ScopeKind.Province && target.DistrictCode == MonitorsDistrict)
        {
            return true;
        }
        var ownTeam = TeamId is { } team && scope.Kind == ScopeKind.Team && scope.Id == team;
        if (IsLeader && (ownTeam || scope.Kind == ScopeKind.Province || (scope.Kind == ScopeKind.Unit && scope.Code == TeamUnitCode)))
        {
            return true;
        }
        return IsClerk && ownTeam;
    }
}

/// <summary>Decides whether a signed-in user may join a scope's group, reading who they are and where the scope lies.</summary>
public sealed class LiveScopeAccess(EntryDb db, MonitorAreas areas)
{
    public const string UnknownScope = "Unknown scope: use 'province', 'district:{code}', 'unit:{code}' or 'team:{id}'.";

    /// <summary>A scope a browser may follow, exactly as <see cref="ScopeKey"/> writes it; null for anything else (a book's or a shift's counters too).</summary>
    public static ScopeKey? Parse(string? scope) => ScopeKey.TryParse(scope) is { IsFollowable: true } key ? key : null;

    /// <summary>The scope to join, or why not (a message for the HubException: no personal data).</summary>
    public async Task<(ScopeKey? Scope, string? Refusal)> CheckAsync(ClaimsPrincipal user, string? scope, CancellationToken ct)
    {
        var parsed = Parse(scope);
        if (parsed is null)
        {
            return (null, UnknownScope);
        }
        var target = await TargetAsync(parsed, ct);
        if (target is null)
        {
            return (null, $"No such {parsed.Kind.ToString().ToLowerInvariant()}: '{parsed.Name}'.");
        }
        var viewer = await ViewerAsync(user, ct);
        return viewer.May(target) ? (parsed, null) : (null, $"You may not follow '{parsed.Name}'.");
    }

    private async Task<LiveScopeTarget?> TargetAsync(ScopeKey scope, CancellationToken ct)
    {
        switch (scope.Kind)
        {
            case ScopeKind.Province:
                return new LiveScopeTarget(scope, null);
            case ScopeKind.District:
                var isDistrict = await db.Units.AsNoTracking()
                    .AnyAsync(u => u.Code == scope.Code && u.ParentCode != null && u.DistrictCode == u.Code, ct);
                return isDistrict ? new LiveScopeTarget(scope, scope.Code) : null;
            case ScopeKind.Unit:
                var unit = await db.Units.AsNoTracking().Where(u => u.Code == scope.Code)
                    .Select(u => new { u.DistrictCode }).FirstOrDefaultAsync(ct);
                return unit is null ? null : new LiveScopeTarget(scope, unit.DistrictCode);
            default:
                var team = await db.Teams.AsNoTracking().Where(t => t.Id == scope.Id)
                    .Select(t => new { t.Unit!.DistrictCode }).FirstOrDefaultAsync(ct);
                return team is null ? null : new LiveScopeTarget(scope, team.DistrictCode);
        }
    }

    private async Task<LiveViewer> ViewerAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        // A monitor's area is the dashboard's and the report's rule too (MonitorAreas); Admins are handled by IsAdmin.
        var area = user.IsInRole(Roles.Monitor) ? await areas.OfAsync(user, ct) : MonitorArea.Nothing;
        var team = await db.Teams.AsNoTracking()
            .Where(t => t.LeaderId == userId || t.Members.Any(m => m.UserId == userId))
            .Select(t => new { t.Id, t.UnitCode })
            .FirstOrDefaultAsync(ct);
        return new LiveViewer(user.IsInRole(Roles.Admin), area.Province, area.District, user.IsInRole(Roles.TeamLeader), user.IsInRole(Roles.Clerk),
            team?.Id, team?.UnitCode);
    }
}
