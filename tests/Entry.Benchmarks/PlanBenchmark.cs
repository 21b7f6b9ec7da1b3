using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entry.Shared.Assignment;
using Entry.Shared.Auth;
using Entry.Shared.Units;

namespace Entry.Benchmarks;

/// <summary>
/// The full-province assignment (27,548 books, 123 teams) recomputed over HTTP on a Release server in demo mode,
/// and how even the result is: the largest and smallest projected finish among teams of the same level.
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
        Console.WriteLine("balance (projected finish of each team, in days from today, by the level of its unit):");
        foreach (var level in finishes.GroupBy(f => f.Level).OrderBy(g => g.Key))
        {
            var days = level.Select(f => (double)f.Days).ToList();
            Console.WriteLine($"  {level.Key,-9} {days.Count,3} teams: earliest {days.Min():0} d, median {Stats.Median(days):0} d, latest {days.Max():0} d (latest / earliest = {days.Max() / Math.Max(1, days.Min()):0.00})");
        }
    }

    private sealed record TeamRow(int Id, string UnitCode);
}
