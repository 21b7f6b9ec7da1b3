using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.National;

public static class NationalEndpoints
{
    /// <summary>GET /api/national/status.</summary>
    public static RouteGroupBuilder MapNational(this RouteGroupBuilder group)
    {
        group.WithTags("National database");
        group.MapGet("/status", Status)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The sync with the national database: backlog, age of the oldest pending case, synced, rejected, the circuit. A district Monitor gets the figures of their district's cases.");
        return group;
    }

    /// <summary>GET /api/teams/{teamId}/national-rejections, on the teams group.</summary>
    public static RouteGroupBuilder MapNationalRejections(this RouteGroupBuilder group)
    {
        group.MapGet("/{teamId:int}/national-rejections", Rejections)
            .RequireRoles(Roles.Admin, Roles.TeamLeader, Roles.Clerk)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("National database")
            .WithSummary("The team's correction queue: cases the national database rejected, with its reasons by field; corrected with PUT /api/entries/{id}.");
        return group;
    }

    private static async Task<Results<Ok<NationalStatus>, ProblemHttpResult>> Status(
        ClaimsPrincipal user, MonitorAreas areas, NationalStatusReader reader, CancellationToken ct)
    {
        var area = await areas.OfReaderAsync(user, ct);
        if (area.SeesNothing)
        {
            return AreaRefusals.NoArea().ToProblem();
        }
        return TypedResults.Ok(await reader.ReadAsync(ct, area.OnlyDistrict));
    }

    private static async Task<Results<Ok<List<NationalRejection>>, ProblemHttpResult>> Rejections(
        int teamId, ClaimsPrincipal user, TeamAccess access, EntryDb db, CancellationToken ct)
    {
        if (await ReviewQueueAccess.RefusalAsync(access, db, user, teamId, Phrase.Of("queue.correction"), ct) is { } refusal)
        {
            return refusal;
        }
        var rows = await db.CaseEntries.AsNoTracking()
            .Where(e => e.TeamId == teamId && e.NationalState == NationalSyncState.Rejected)
            .Select(e => new { e.Id, e.Book!.Code, e.Type, e.EntryNumber, e.Version, e.NationalErrors, e.NationalAnsweredAt, e.StoredAt })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(r => r.StoredAt).ThenBy(r => r.Code).ThenBy(r => r.EntryNumber)
            .Select(r => new NationalRejection(r.Id, r.Code, r.Type, r.EntryNumber, r.Version,
                NationalRejections.Errors(r.NationalErrors) ?? new Dictionary<string, string[]>(), r.NationalAnsweredAt ?? r.StoredAt))
            .ToList());
    }
}
