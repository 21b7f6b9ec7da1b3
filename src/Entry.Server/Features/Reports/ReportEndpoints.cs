using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Reports;

public static class ReportEndpoints
{
    private const string QueryHelp =
        "date: yyyy-mm-dd (default today, local); previous: an earlier snapshot date; district: a district code (a district Monitor always gets theirs).";

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder group)
    {
        group.WithTags("Reports");
        group.MapGet("/dates", Dates)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .WithSummary("The dates holding a daily snapshot, newest first.");
        group.MapPost("/snapshots", Take)
            .RequireRoles(Roles.Admin)
            .WithSummary("Take today's snapshot now (replacing one already taken today); the 22:00 job does it every day.");
        group.MapGet("/progress", Report)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The periodic report: per unit total, entered, percentage, change since the previous report, Đạt/Không đạt. " + QueryHelp);
        group.MapGet("/progress.xlsx", Xlsx)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .Produces(StatusCodes.Status200OK, contentType: ReportFiles.XlsxType)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The periodic report as an Excel workbook. " + QueryHelp);
        group.MapGet("/progress.csv", Csv)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The periodic report as CSV for Excel in vi-VN: UTF-8 with BOM, ';' separated, decimal comma. " + QueryHelp);
        return group;
    }

    private static async Task<Ok<List<DateOnly>>> Dates(EntryDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.DailySnapshots.AsNoTracking().Select(s => s.Date).Distinct().OrderByDescending(d => d).ToListAsync(ct));

    private static async Task<Ok<SnapshotTaken>> Take(SnapshotWriter writer, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await writer.TakeAsync(ShiftCalendar.LocalDate(time.GetUtcNow()), ct));

    private static async Task<Results<Ok<ProgressReport>, ProblemHttpResult>> Report(
        string? date, string? previous, string? district, ClaimsPrincipal user, ProgressReportBuilder builder, CancellationToken ct)
    {
        var (report, refusal) = await builder.BuildAsync(date, previous, district, user, ct);
        return report is null ? refusal!.ToProblem() : TypedResults.Ok(report);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Xlsx(
        string? date, string? previous, string? district, ClaimsPrincipal user, ProgressReportBuilder builder, CancellationToken ct)
    {
        var (report, refusal) = await builder.BuildAsync(date, previous, district, user, ct);
        return report is null ? refusal!.ToProblem() : TypedResults.File(ReportFiles.Xlsx(report), ReportFiles.XlsxType, ReportFiles.FileName(report, "xlsx"));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(
        string? date, string? previous, string? district, ClaimsPrincipal user, ProgressReportBuilder builder, CancellationToken ct)
    {
        var (report, refusal) = await builder.BuildAsync(date, previous, district, user, ct);
        return report is null ? refusal!.ToProblem() : TypedResults.File(ReportFiles.Csv(report), ReportFiles.CsvType, ReportFiles.FileName(report, "csv"));
    }
}
