using System.Diagnostics;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Teams;
using Entry.Shared.Assignment;
using Entry.Shared.Books;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Assignment;

/// <summary>The proposal of book moves over the database, an Admin's acceptance of it, and what-if staffing of one team.</summary>
public sealed class ProposalService(EntryDb db, PlanInputReader inputs, AssignmentService assignment, TeamCapacity capacity, IOptions<PlanningOptions> options)
{
    public const int MaxExtraPerShift = Team.FullSize;

    private double Tolerance => options.Value.ProposalTolerancePercent / 100;

    public async Task<(ProposalResponse Response, ProposalOutcome Outcome)> ProposeAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var input = await inputs.ReadAsync(ct);
        var outcome = ProvinceProposal.Compute(input.Units, input.Teams, input.Books, new UnitGeography(input.Units, DistrictNeighbours.Shipped), Tolerance);
        var names = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => new { t.Name, t.UnitCode }, ct);
        var books = input.Books.ToDictionary(b => b.Id);
        var today = capacity.Today;

        IReadOnlyList<BottleneckTeam> Bottleneck(PlanFigures figures) => figures.Bottleneck
            .Select(id => new BottleneckTeam { TeamId = id, TeamName = names[id].Name, UnitCode = names[id].UnitCode, ProjectedFinish = PlanFigures.Date(today, figures.FinishWeeks(id)) })
            .ToList();

        var moves = outcome.Moves.Select(m => new ProposedMove
        {
            Id = books[m.BookId].Code,
            BookCode = books[m.BookId].Code,
            BookUnitCode = books[m.BookId].UnitCode,
            Cases = books[m.BookId].Cases,
            FromTeamId = m.FromTeamId,
            FromTeamName = names.GetValueOrDefault(m.FromTeamId)?.Name,
            ToTeamId = m.ToTeamId,
            ToTeamName = names[m.ToTeamId].Name,
            Nearness = NearnessCode(m.Nearness),
        }).ToList();
        var response = new ProposalResponse
        {
            RemainingCases = outcome.Before.RemainingCases,
            WeeklyCapacityCases = Math.Round(outcome.Before.WeeklyCapacity, 1),
            LowerBoundWeeks = Math.Round(outcome.Before.BoundWeeks, 4),
            LowerBoundFinish = PlanFigures.Date(today, outcome.Before.BoundWeeks),
            TolerancePercent = options.Value.ProposalTolerancePercent,
            WeeksBefore = Math.Round(outcome.Before.MakespanWeeks, 4),
            FinishBefore = PlanFigures.Date(today, outcome.Before.MakespanWeeks),
            WeeksAfter = Math.Round(outcome.After.MakespanWeeks, 4),
            FinishAfter = PlanFigures.Date(today, outcome.After.MakespanWeeks),
            BottleneckBefore = Bottleneck(outcome.Before),
            BottleneckAfter = Bottleneck(outcome.After),
            Shortfall = outcome.Shortfall,
            ShortfallReason = outcome.Shortfall == ProposalShortfall.None ? null : Phrase.Of($"proposal.shortfall.{outcome.Shortfall}").ToString(),
            CasesMoved = moves.Sum(m => m.Cases),
            Moves = moves,
            ElapsedMilliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
        return (response, outcome);
    }

    /// <summary>
    /// A leader's part of the proposal: the moves out of and into their team, naming no other team (leaders read only their
    /// own); the province's figures stay whole.
    /// </summary>
    public static ProposalResponse OfTeam(ProposalResponse proposal, int? teamId)
    {
        var moves = proposal.Moves.Where(m => teamId is not null && (m.FromTeamId == teamId || m.ToTeamId == teamId))
            .Select(m => m with
            {
                FromTeamId = m.FromTeamId == teamId ? m.FromTeamId : null,
                FromTeamName = m.FromTeamId == teamId ? m.FromTeamName : null,
                ToTeamId = m.ToTeamId == teamId ? m.ToTeamId : null,
                ToTeamName = m.ToTeamId == teamId ? m.ToTeamName : null,
            })
            .ToList();
        return proposal with
        {
            Moves = moves,
            CasesMoved = moves.Sum(m => m.Cases),
            BottleneckBefore = proposal.BottleneckBefore.Where(t => t.TeamId == teamId).ToList(),
            BottleneckAfter = proposal.BottleneckAfter.Where(t => t.TeamId == teamId).ToList(),
        };
    }

    public async Task<(AcceptProposalResponse? Accepted, Refusal? Refusal)> AcceptAsync(AcceptProposalRequest request, CancellationToken ct)
    {
        var ids = request.MoveIds ?? [];
        if (request.All == ids.Count > 0)
        {
            return (null, Refusal.Invalid("moveIds", Phrase.Of(request.All ? "proposal.moveIds.withAll" : "proposal.moveIds.required")));
        }
        if (ids.Count > AssignmentEndpoints.MaxBooksPerMove)
        {
            return (null, Refusal.Invalid("moveIds", Phrase.Of("assignment.bookCodes.tooMany", AssignmentEndpoints.MaxBooksPerMove, ids.Count)));
        }
        var (proposal, _) = await ProposeAsync(ct);
        var proposed = proposal.Moves.ToDictionary(m => m.Id, BookCodes.Comparer);
        var notProposed = ids.Where(id => !proposed.ContainsKey(id)).Distinct(BookCodes.Comparer).ToList();
        if (!request.All && notProposed.Count > 0)
        {
            return (null, Refusal.Conflict(Phrase.Of("title.notProposed"), Phrase.Of("proposal.notProposed", Echo.List(notProposed))));
        }
        var chosen = (request.All ? proposal.Moves : ids.Distinct(BookCodes.Comparer).Select(id => proposed[id])).ToList();
        var codes = chosen.Select(m => m.BookCode).ToList();
        var target = chosen.ToDictionary(m => m.BookCode, m => m.ToTeamId!.Value, BookCodes.Comparer);
        // An accepted move is an Admin's decision, as POST /api/assignment/move: the nightly plan keeps the book there.
        foreach (var book in await db.Books.Where(b => codes.Contains(b.Code) && b.Status == BookStatus.NotStarted).ToListAsync(ct))
        {
            book.TeamId = target[book.Code];
            book.AssignedByAdmin = true;
        }
        await db.SaveChangesAsync(ct);
        var summary = await assignment.RecomputeAsync(ct);
        return (new AcceptProposalResponse { BooksMoved = chosen.Count, CasesMoved = chosen.Sum(m => m.Cases), ProvinceProjectedFinish = summary.ProvinceProjectedFinish }, null);
    }

    public async Task<(WhatIfResponse? Answer, Refusal? Refusal)> WhatIfAsync(int teamId, int extraClerks, int extraComputers, CancellationToken ct)
    {
        var errors = new Dictionary<string, Phrase[]>();
        if (extraClerks is < 0 or > MaxExtraPerShift)
        {
            errors["extraClerks"] = [Phrase.Of("whatIf.extraClerks.range", MaxExtraPerShift)];
        }
        if (extraComputers is < 0 or > TeamEndpoints.MaxComputers)
        {
            errors["extraComputers"] = [Phrase.Of("whatIf.extraComputers.range", TeamEndpoints.MaxComputers)];
        }
        if (errors.Count > 0)
        {
            return (null, Refusal.Invalid(errors));
        }
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => new { t.Id, t.Name, t.Computers }).FirstOrDefaultAsync(ct);
        if (team is null)
        {
            return (null, TeamRefusals.NotFound(teamId));
        }

        var rate = await capacity.RateAsync(teamId, ct);
        var shifts = await capacity.ThisWeeksShiftsAsync(teamId, ct);
        var seats = Math.Min(team!.Computers + extraComputers, Team.FullSize);
        string? limitedBy = null;
        double before = 0, after = 0;
        foreach (var shift in shifts)
        {
            var wanted = shift.People + extraClerks;
            var people = Math.Max(shift.People, Math.Min(wanted, seats));
            if (wanted > people)
            {
                limitedBy = team.Computers + extraComputers < Team.FullSize ? "computers" : "teamSize";
            }
            before += shift.People * ShiftCalendar.Hours(shift.Shift) * rate;
            after += people * ShiftCalendar.Hours(shift.Shift) * rate;
        }

        var input = await inputs.ReadAsync(ct);
        var today = capacity.Today;
        var planBefore = PlanFigures.Of(input.Teams, input.Books, AssignmentPlanner.Plan(input.Units, input.Teams, input.Books));
        var staffed = input.Teams.Select(t => t.Id == teamId ? t with { WeeklyCapacity = after } : t).ToList();
        var planAfter = PlanFigures.Of(staffed, input.Books, AssignmentPlanner.Plan(input.Units, staffed, input.Books));
        return (new WhatIfResponse
        {
            TeamId = teamId,
            TeamName = team.Name,
            ExtraClerks = extraClerks,
            ExtraComputers = extraComputers,
            Computers = team.Computers,
            CasesPerClerkHour = Math.Round(rate, 2),
            WeeklyCapacityBefore = Math.Round(before, 1),
            WeeklyCapacityAfter = Math.Round(after, 1),
            LimitedBy = limitedBy,
            TeamFinishBefore = PlanFigures.Date(today, planBefore.FinishWeeks(teamId)),
            TeamFinishAfter = PlanFigures.Date(today, planAfter.FinishWeeks(teamId)),
            ProvinceFinishBefore = PlanFigures.Date(today, planBefore.MakespanWeeks),
            ProvinceFinishAfter = PlanFigures.Date(today, planAfter.MakespanWeeks),
            LowerBoundAfter = PlanFigures.Date(today, planAfter.BoundWeeks),
        }, null);
    }

    private static string NearnessCode(Nearness nearness) => nearness switch
    {
        Nearness.SameUnit => "sameUnit",
        Nearness.SameDistrict => "sameDistrict",
        Nearness.Parent => "parent",
        Nearness.NeighbouringDistrict => "neighbouringDistrict",
        _ => "elsewhere",
    };
}
