using System.Linq.Expressions;
using Entry.Server.Data;
using Entry.Shared.Teams;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Teams;

/// <summary>Reads teams as the API shows them.</summary>
public sealed class TeamDirectory(EntryDb db)
{
    /// <summary>The teams that pass <paramref name="readable"/> (<see cref="TeamAccess.ReadableAsync"/>).</summary>
    public Task<List<TeamSummary>> SummariesAsync(Expression<Func<Team, bool>> readable, CancellationToken ct) =>
        Summaries(db.Teams.AsNoTracking().Where(readable)).ToListAsync(ct);

    public async Task<TeamDetail?> DetailAsync(int teamId, CancellationToken ct)
    {
        var summary = await Summaries(db.Teams.AsNoTracking().Where(t => t.Id == teamId)).FirstOrDefaultAsync(ct);
        if (summary is null)
        {
            return null;
        }
        var leaderId = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.LeaderId).FirstAsync(ct);
        var members = await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == teamId)
            .Select(m => new TeamMemberDto
            {
                UserName = m.User!.UserName!,
                DisplayName = m.User.DisplayName,
                Category = m.Category,
                IsLeader = m.UserId == leaderId,
            })
            .ToListAsync(ct);
        return new TeamDetail
        {
            Team = summary,
            // The leader first, then by category and user name: the order a leader reads the list in.
            Members = members.OrderByDescending(m => m.IsLeader).ThenBy(m => m.Category).ThenBy(m => m.UserName, StringComparer.Ordinal).ToList(),
        };
    }

    private static IQueryable<TeamSummary> Summaries(IQueryable<Team> teams) => teams
        .OrderBy(t => t.Unit!.Level).ThenBy(t => t.UnitCode).ThenBy(t => t.Id)
        .Select(t => new TeamSummary
        {
            Id = t.Id,
            Name = t.Name,
            UnitCode = t.UnitCode,
            UnitName = t.Unit!.Name,
            UnitLevel = t.Unit.Level,
            LeaderUserName = t.Leader!.UserName,
            LeaderName = t.Leader.DisplayName,
            MemberCount = t.Members.Count,
            IsComplete = t.Members.Count >= Team.FullSize,
            Computers = t.Computers,
        });
}
