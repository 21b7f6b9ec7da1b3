using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Entries;
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
            .WithSummary("The sync with the national database: backlog, age of the oldest pending case, synced, rejected, the circuit.");
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

    private static async Task<Ok<NationalStatus>> Status(EntryDb db, NationalMetrics metrics, NationalCircuit circuit, TimeProvider time, CancellationToken ct)
    {
        var pending = db.NationalOutbox.Where(m => m.State == NationalMessageState.Pending);
        var backlog = await pending.CountAsync(ct);
        var oldest = await pending.OrderBy(m => m.Id).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
        var province = await db.ProgressCounters.AsNoTracking().Where(c => c.Scope == Progress.ProgressCounters.Province)
            .GroupBy(c => 1).Select(g => new { Synced = g.Sum(c => c.Synced), Rejected = g.Sum(c => c.Rejected) }).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new NationalStatus
        {
            Backlog = backlog,
            OldestPendingAt = oldest,
            OldestPendingAgeSeconds = oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0,
            Synced = province?.Synced ?? 0,
            Rejected = province?.Rejected ?? 0,
            Circuit = circuit.State,
            CircuitOpenedTimes = circuit.TimesOpened,
            LastDeliveredAt = metrics.LastDeliveredAt,
            LastError = metrics.LastError,
            At = now,
        });
    }

    private static async Task<Results<Ok<List<NationalRejection>>, ProblemHttpResult>> Rejections(
        int teamId, ClaimsPrincipal user, TeamAccess access, EntryDb db, CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamProblems.NotFound(teamId);
        }
        var reviewer = await CaseReviewer.ForAsync(db, user, teamId, ct);
        if (!(reviewer.IsAdmin || reviewer.IsLeader || reviewer.IsOfficer))
        {
            return TypedResults.Problem("Only the team's leader, its civil-registry officers and Admins see its correction queue.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
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
