using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entry.Shared.Assignment;
using Entry.Shared.Auth;
using Entry.Shared.Units;

namespace Entry.Benchmarks;

/// <summary>
/// The full-province assignment (27,548 books, 123 teams) recomputed over HTTP on a Release server in demo mode,
/// and how even the result is: the largest and smallest projected finish among teams of the same level; then the proposal of
/// book moves (its time, the capacity lower bound, the makespan before and after, the books moved), accepted whole.
/// </summary>
internal static class PlanBenchmark
{
    public static async Task RunAsync(int runs)
    {
        Console.WriteLine($"Assignment benchmark: demo sprint (123 teams, 27,548 books), {runs} recomputes over HTTP.");
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>());
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest("admin", "Demo-2026"));
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

        var wall = new List<double>();
        var inServer = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.PostAsync("/api/assignment/recompute", null);
            var summary = (await response.Content.ReadFromJsonAsync<AssignmentSummary>())!;
            watch.Stop();
            wall.Add(watch.Elapsed.TotalSeconds);
            inServer.Add(summary.ElapsedMilliseconds / 1000.0);
            Console.WriteLine($"  run {run}: {wall[^1]:0.000} s over HTTP (plan and store {inServer[^1]:0.000} s), {summary.BooksAssigned:N0} books queued");
        }
        Console.WriteLine();
        Console.WriteLine($"full-province assignment: median {Stats.Median(wall):0.000} s over HTTP (plan and store: median {Stats.Median(inServer):0.000} s)");
        await PrintBalanceAsync(client, "balance of the plan");

        Console.WriteLine();
        Console.WriteLine($"Proposal of book moves (GET /api/assignment/proposal), {runs} runs:");
        var proposalWall = new List<double>();
        var proposalServer = new List<double>();
        ProposalResponse proposal = null!;
        for (var run = 1; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            proposal = (await client.GetFromJsonAsync<ProposalResponse>("/api/assignment/proposal"))!;
            watch.Stop();
            proposalWall.Add(watch.Elapsed.TotalSeconds);
            proposalServer.Add(proposal.ElapsedMilliseconds / 1000.0);
            Console.WriteLine($"  run {run}: {proposalWall[^1]:0.000} s over HTTP (read, plan, propose and re-plan {proposalServer[^1]:0.000} s), {proposal.Moves.Count} books moved");
        }
        var boundDays = proposal.LowerBoundWeeks * 7;
        Console.WriteLine($"proposal: median {Stats.Median(proposalWall):0.000} s over HTTP (in the server: median {Stats.Median(proposalServer):0.000} s)");
        Console.WriteLine($"  remaining {proposal.RemainingCases:N0} cases, rostered capacity {proposal.WeeklyCapacityCases:N0} cases a week");
        Console.WriteLine($"  capacity lower bound: {boundDays:0.0} days ({proposal.LowerBoundFinish:yyyy-MM-dd})");
        Console.WriteLine($"  makespan before: {proposal.WeeksBefore * 7:0.0} days ({proposal.WeeksBefore / proposal.LowerBoundWeeks:0.000} × bound), set by {string.Join(", ", proposal.BottleneckBefore.Select(t => t.UnitCode))}");
        Console.WriteLine($"  makespan after:  {proposal.WeeksAfter * 7:0.0} days ({proposal.WeeksAfter / proposal.LowerBoundWeeks:0.000} × bound, tolerance {proposal.TolerancePercent} %), set by {string.Join(", ", proposal.BottleneckAfter.Select(t => t.UnitCode))}");
        Console.WriteLine($"  books moved: {proposal.Moves.Count} of 27,548 ({proposal.CasesMoved:N0} cases); shortfall: {proposal.Shortfall}");
        Console.WriteLine($"  by nearness: {string.Join(", ", proposal.Moves.GroupBy(m => m.Nearness).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
        Console.WriteLine($"  by giving team: {string.Join(", ", proposal.Moves.GroupBy(m => m.FromTeamName ?? "-").OrderByDescending(g => g.Count()).Take(6).Select(g => $"{g.Key} {g.Count()}"))}");

        var accept = await client.PostAsJsonAsync("/api/assignment/proposal/accept", new AcceptProposalRequest(null, All: true));
        var accepted = (await accept.Content.ReadFromJsonAsync<AcceptProposalResponse>())!;
        var projection = (await client.GetFromJsonAsync<ProjectionResponse>("/api/assignment/projection"))!;
        Console.WriteLine($"accepted all: {accepted.BooksMoved} books, {accepted.CasesMoved:N0} cases; the projection now ends {projection.ProvinceProjectedFinish:yyyy-MM-dd}, bound {projection.LowerBoundFinish:yyyy-MM-dd}");
        await PrintBalanceAsync(client, "balance after the accepted proposal");
    }

    private static async Task PrintBalanceAsync(HttpClient client, string title)
    {
        var levels = new Dictionary<string, UnitLevel>();
        void Walk(UnitNode node)
        {
            levels[node.Code] = node.Level;
            foreach (var child in node.Children)
            {
                Walk(child);
            }
        }
        foreach (var root in (await client.GetFromJsonAsync<List<UnitNode>>("/api/units"))!)
        {
            Walk(root);
        }

        var finishes = new List<(UnitLevel Level, int Days)>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        foreach (var team in (await client.GetFromJsonAsync<List<TeamRow>>("/api/teams"))!)
        {
            var queue = (await client.GetFromJsonAsync<TeamQueue>($"/api/teams/{team.Id}/queue?pageSize=1"))!;
            if (queue.ProjectedFinish is { } finish)
            {
                finishes.Add((levels[team.UnitCode], finish.DayNumber - today.DayNumber));
            }
        }
        Console.WriteLine($"{title} (projected finish of each team, in days from today, by the level of its unit):");
        foreach (var level in finishes.GroupBy(f => f.Level).OrderBy(g => g.Key))
        {
            var days = level.Select(f => (double)f.Days).ToList();
            Console.WriteLine($"  {level.Key,-9} {days.Count,3} teams: earliest {days.Min():0} d, median {Stats.Median(days):0} d, latest {days.Max():0} d (latest / earliest = {days.Max() / Math.Max(1, days.Min()):0.00})");
        }
    }

    private sealed record TeamRow(int Id, string UnitCode);
}
