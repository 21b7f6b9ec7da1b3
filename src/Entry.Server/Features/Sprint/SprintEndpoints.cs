using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Sprint;

public static class SprintEndpoints
{
    public static RouteGroupBuilder MapSprint(this RouteGroupBuilder group)
    {
        group.WithTags("Sprint");
        group.MapGet("/", Get)
            .RequireRoles(Roles.All.ToArray())
            .WithSummary("The sprint's dates and the periodic report's target percentage (defaults until an Admin sets them).");
        group.MapPut("/", Put)
            .RequireRoles(Roles.Admin)
            .ProducesValidationProblem()
            .WithSummary("Change the sprint's dates or the report's target; a null field keeps its value (the body itself is required). An end date already past is allowed.");
        return group;
    }

    private static async Task<Ok<SprintSettingsResponse>> Get(SprintSettingsStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.GetAsync(ct));

    private static async Task<Results<Ok<SprintSettingsResponse>, ProblemHttpResult>> Put(
        SprintSettingsRequest request, ClaimsPrincipal user, SprintSettingsStore store, EntryDb db, TimeProvider time, CancellationToken ct)
    {
        var current = await store.GetAsync(ct);
        var start = request.StartDate ?? current.StartDate;
        var end = request.EndDate ?? current.EndDate;
        var target = request.ReportTargetPercent ?? current.ReportTargetPercent;
        var problems = SprintSettingsRules.Problems(request, start, end, target);
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems).ToProblem();
        }

        var row = await db.SprintSettings.FindAsync([SprintSettings.SingletonId], ct);
        if (row is null)
        {
            row = new SprintSettings();
            db.SprintSettings.Add(row);
        }
        row.StartDate = start;
        row.EndDate = end;
        row.ReportTargetPercent = target;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = user.Identity?.Name;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await store.GetAsync(ct));
    }
}
