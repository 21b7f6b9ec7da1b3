using System.Globalization;
using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.National;

public static class ReconciliationEndpoints
{
    /// <summary>POST and GET /api/national/reconciliation, on the national group.</summary>
    public static RouteGroupBuilder MapReconciliation(this RouteGroupBuilder group)
    {
        group.MapPost("/reconciliation", Start)
            .RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Starts a reconciliation with the national database in the background (202 with the run id); 409 while one runs.");
        group.MapGet("/reconciliation", Report)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The latest reconciliation run (or ?runId=) with the differences it found; 204 before the first run. Province-wide: 403 for a district Monitor.");
        return group;
    }

    private static async Task<Results<Accepted<ReconciliationStarted>, ProblemHttpResult>> Start(
        ClaimsPrincipal user, ReconciliationRunner runner, CancellationToken ct)
    {
        var start = await runner.StartAsync(ReconciliationRun.Manual, user.Identity?.Name, ct);
        if (!start.Started)
        {
            return Refusal.Conflict(Phrase.Of("title.reconciliationRunning"), Phrase.Of("reconciliation.running", start.RunId))
                .With("runId", start.RunId).ToProblem();
        }
        return TypedResults.Accepted($"/api/national/reconciliation?runId={start.RunId}", new ReconciliationStarted(start.RunId!.Value));
    }

    private static async Task<Results<Ok<ReconciliationReport>, NoContent, ProblemHttpResult>> Report(
        string? runId, ClaimsPrincipal user, MonitorAreas areas, EntryDb db, CancellationToken ct)
    {
        // A run's counts are the province's (none is kept per district): a district Monitor is refused the report.
        if ((await areas.OfAsync(user, ct)) is { Province: false } area)
        {
            return (area.SeesNothing ? AreaRefusals.NoArea() : AreaRefusals.ProvinceOnly(Phrase.Of("area.what.reconciliation"))).ToProblem();
        }
        long? id = null;
        if (!string.IsNullOrWhiteSpace(runId))
        {
            if (!long.TryParse(runId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                return Refusal.Invalid("runId", Phrase.Of("reconciliation.runId.invalid")).ToProblem();
            }
            id = parsed;
        }
        var runs = db.ReconciliationRuns.AsNoTracking();
        var run = id is { } wanted
            ? await runs.FirstOrDefaultAsync(r => r.Id == wanted, ct)
            : await runs.OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return id is null
                ? TypedResults.NoContent()
                : Refusal.NotFound(Phrase.Of("title.noSuchRun"), Phrase.Of("reconciliation.noSuchRun", id)).ToProblem();
        }
        var differences = await db.ReconciliationDifferences.AsNoTracking()
            .Where(d => d.RunId == run.Id)
            .OrderBy(d => d.Id)
            .Select(d => new ReconciliationDifference
            {
                BookCode = d.BookCode, EntryNumber = d.EntryNumber, SourceId = d.SourceId, RecordId = d.RecordId, Kind = d.Kind, Detail = d.Detail,
            })
            .ToListAsync(ct);
        return TypedResults.Ok(new ReconciliationReport
        {
            RunId = run.Id,
            Trigger = run.Trigger,
            RequestedBy = run.RequestedBy,
            Status = run.Status,
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
            BooksChecked = run.BooksChecked,
            EntryDelivered = run.EntryDelivered,
            NationalRecords = run.NationalRecords,
            DifferenceCount = run.Differences,
            DifferencesTruncated = run.DifferencesStored < run.Differences,
            FailureReason = run.FailureReason,
            Differences = differences,
        });
    }
}
