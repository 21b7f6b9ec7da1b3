using System.Globalization;
using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Shifts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entry.Server.Features.Rosters;

/// <summary>The weekly roster of a team's three daily shifts, planned by its leader and checked against the campaign's rules.</summary>
public static class RosterEndpoints
{
    // Far enough for any campaign, near enough that a week's arithmetic never leaves DateOnly's range.
    private static readonly DateOnly FirstDate = new(2000, 1, 1);
    private static readonly DateOnly LastDate = new(2099, 12, 31);

    /// <summary>Mapped on the /api/teams group: /{teamId}/roster…, /coverage.</summary>
    public static RouteGroupBuilder MapRosters(this RouteGroupBuilder group)
    {
        group.MapGet("/{teamId:int}/roster", Week)
            .RequireRoles(Roles.All.ToArray())
            .ScopedToTeam()
            .ProducesValidationProblem()
            .WithTags("Rosters")
            .WithSummary("A team's week (?week=yyyy-mm-dd, any day of it; default this week): 21 shifts from Monday with their people and issues, and the week's clerk-hours.");
        group.MapPut("/{teamId:int}/roster/{date}/{shift}", Plan)
            .RequireRoles(Roles.Admin, Roles.TeamLeader)
            .ScopedToTeam()
            .ProducesValidationProblem()
            .WithTags("Rosters")
            .WithSummary("Plan who works one shift (date yyyy-mm-dd, shift 1–3). A plan that breaks a rule is refused with its issues; an empty list clears the shift; a shift that has ended cannot be changed.");
        group.MapPost("/{teamId:int}/roster/copy", Copy)
            .RequireRoles(Roles.Admin, Roles.TeamLeader)
            .ScopedToTeam()
            .ProducesValidationProblem()
            .WithTags("Rosters")
            .WithSummary("Copy a week's roster onto the following week, replacing its shifts that have not ended; former members are left out.");
        group.MapGet("/coverage", Coverage)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .ProducesValidationProblem()
            .WithTags("Rosters")
            .WithSummary("Every team the caller may read (a district Monitor: their district's) at a glance for a week (?week=yyyy-mm-dd, default this week): complete or not, and its short shifts with their reasons.");
        return group;
    }

    private static async Task<Results<Ok<WeekRoster>, ProblemHttpResult, ForbidHttpResult>> Week(
        int teamId, ClaimsPrincipal user, TeamAccess access, RosterReader roster, CancellationToken ct, string? week = null)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanRead)
        {
            return TypedResults.Forbid();
        }
        if (!TryWeek(week, roster, out var weekStart, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(await roster.WeekAsync(teamId, weekStart, ct));
    }

    private static async Task<Results<Ok<RosterShift>, ProblemHttpResult, ForbidHttpResult>> Plan(
        int teamId, string date, string shift, PlanShiftRequest request, ClaimsPrincipal user, TeamAccess access, RosterPlanner planner,
        CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanManage)
        {
            return TypedResults.Forbid();
        }

        var errors = new Dictionary<string, Phrase[]>();
        if (!TryDate(date, out var day))
        {
            errors["date"] = [Phrase.Of("roster.date.invalid", date, FirstDate, LastDate)];
        }
        if (!int.TryParse(shift, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !ShiftCalendar.IsShift(number))
        {
            errors["shift"] = [Phrase.Of("roster.shift.invalid", shift)];
        }
        if (request.UserNames is null)
        {
            errors["userNames"] = [Phrase.Of("roster.userNames.required")];
        }
        else if (request.UserNames.Any(string.IsNullOrWhiteSpace))
        {
            errors["userNames"] = [Phrase.Of("roster.userNames.blank")];
        }
        if (errors.Count == 0 && planner.HasEnded(day, number))
        {
            errors["date"] = [Phrase.Of("roster.shift.ended", number, day)];
        }
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors).ToProblem();
        }

        var outcome = await planner.PlanAsync(teamId, day, number, request.UserNames!, ct);
        if (outcome.Shift is null)
        {
            return new Refusal(StatusCodes.Status400BadRequest, Phrase.Of("title.planRefused"), Phrase.Of("roster.planRefused"),
                    new Dictionary<string, Phrase[]> { ["userNames"] = outcome.Issues.Select(i => (Phrase)i.Message).ToArray() })
                .With("issues", outcome.Issues).ToProblem();
        }
        return TypedResults.Ok(outcome.Shift);
    }

    private static async Task<Results<Ok<WeekRoster>, ProblemHttpResult, ForbidHttpResult>> Copy(
        int teamId, CopyWeekRequest request, ClaimsPrincipal user, TeamAccess access, RosterPlanner planner, RosterReader roster, CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanManage)
        {
            return TypedResults.Forbid();
        }
        if (request.FromWeekStart < FirstDate || request.FromWeekStart > LastDate)
        {
            return Refusal.Invalid("fromWeekStart", Phrase.Of("roster.copy.range", FirstDate, LastDate)).ToProblem();
        }
        var from = ShiftCalendar.WeekStart(request.FromWeekStart);
        var to = from.AddDays(7);
        if (planner.HasEnded(to.AddDays(6), ShiftCalendar.Shifts[^1]))
        {
            return Refusal.Invalid("fromWeekStart", Phrase.Of("roster.copy.ended", to)).ToProblem();
        }
        await planner.CopyWeekAsync(teamId, from, ct);
        return TypedResults.Ok(await roster.WeekAsync(teamId, to, ct));
    }

    private static async Task<Results<Ok<List<TeamCoverage>>, ProblemHttpResult>> Coverage(
        ClaimsPrincipal user, TeamAccess access, RosterReader roster, CancellationToken ct, string? week = null)
    {
        if (!TryWeek(week, roster, out var weekStart, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(await roster.CoverageAsync(weekStart, await access.ReadableAsync(user, ct), ct));
    }

    /// <summary>The Monday of the week holding <paramref name="week"/>, or of today's week when it is absent.</summary>
    private static bool TryWeek(string? week, RosterReader roster, out DateOnly weekStart, out Refusal refusal)
    {
        refusal = null!;
        if (string.IsNullOrEmpty(week))
        {
            weekStart = ShiftCalendar.WeekStart(roster.Today);
            return true;
        }
        if (TryDate(week, out var day))
        {
            weekStart = ShiftCalendar.WeekStart(day);
            return true;
        }
        weekStart = default;
        refusal = Refusal.Invalid("week", Phrase.Of("roster.date.invalid", week, FirstDate, LastDate));
        return false;
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date >= FirstDate && date <= LastDate;
}
