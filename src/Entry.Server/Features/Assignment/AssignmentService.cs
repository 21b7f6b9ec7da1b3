using System.Diagnostics;
using Entry.Server.Data;
using Entry.Shared.Assignment;
using Entry.Shared.Books;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Entry.Server.Features.Assignment;

/// <summary>Runs the planner over the database: loads units, teams, capacities and open books; stores every queue.</summary>
public sealed partial class AssignmentService(EntryDb db, PlanInputReader inputs, FinishProjection projections, ILogger<AssignmentService> logger)
{
    public async Task<AssignmentSummary> RecomputeAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // Each plan reads the teams' measured pace again: the nightly plan works at the pace of the days before.
        var (units, teams, books, capacities) = await inputs.ReadAsync(ct, refreshPace: true);

        var placements = AssignmentPlanner.Plan(units, teams, books);
        await StoreAsync(books, placements, ct);

        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogPlanned(teams.Count, placements.Count, books.Count - placements.Count, elapsed);
        var projection = await projections.ProjectAsync(district: null, ct, capacities);
        return new AssignmentSummary
        {
            Teams = teams.Count,
            BooksAssigned = placements.Count,
            BooksUnassigned = books.Count - placements.Count,
            BooksKeptInPlace = books.Count(b => b.Locked && b.CurrentTeamId is not null),
            ElapsedMilliseconds = elapsed,
            ProvinceProjectedFinish = projection.ProvinceProjectedFinish,
        };
    }

    /// <summary>Writes every open book's team and place in one transaction (one prepared UPDATE, like the import).</summary>
    private async Task StoreAsync(IReadOnlyList<PlanBook> books, IReadOnlyList<Placement> placements, CancellationToken ct)
    {
        var placed = placements.ToDictionary(p => p.BookId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = tx.GetDbTransaction();
        command.CommandText = "UPDATE \"Books\" SET \"TeamId\" = @team, \"QueuePosition\" = @position WHERE \"Id\" = @id";
        var team = command.AddParameter("@team");
        var position = command.AddParameter("@position");
        var id = command.AddParameter("@id");
        await command.PrepareAsync(ct);
        foreach (var book in books)
        {
            var placement = placed.GetValueOrDefault(book.Id);
            if (placement?.TeamId == book.CurrentTeamId && placement?.Position == book.CurrentPosition)
            {
                continue;
            }
            team.Value = placement is null ? DBNull.Value : placement.TeamId;
            position.Value = placement?.Position ?? 0;
            id.Value = book.Id;
            await command.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Assignment planned for {Teams} teams: {Assigned} books queued, {Unassigned} without a team, in {ElapsedMs} ms")]
    private partial void LogPlanned(int teams, int assigned, int unassigned, long elapsedMs);
}
