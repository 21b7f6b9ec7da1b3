using System.Globalization;
using System.Net.Http.Json;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;

namespace Entry.Benchmarks;

/// <summary>
/// The replay's clerks: every member the demo roster puts on the open shift, in every team, except the team's leader
/// (a TeamLeader is not a Clerk and cannot log), each signed in with its own token; none holds a book yet. Their cases
/// are never flagged for verification: a flagged case waits for an officer's verification before it is sent to the
/// national database, and the replay plays no officers.
/// </summary>
internal static class ReplayRoster
{
    private const int ParallelSignIns = 8;

    public static async Task<List<ReplayClerk>> SignInAsync(HttpClient admin, HttpMessageHandler handler, ReplayBudget budget)
    {
        var clock = (await admin.GetFromJsonAsync<ShiftClockState>("/api/shifts/clock"))!;
        var open = clock.Open ?? throw new InvalidOperationException($"No shift is open at {clock.Now:yyyy-MM-dd HH:mm} (server time).");
        var teams = (await admin.GetFromJsonAsync<List<TeamSummary>>("/api/teams"))!;
        var rostered = new List<(string UserName, int TeamId)>();
        foreach (var team in teams.OrderBy(t => t.Id))
        {
            var week = (await admin.GetFromJsonAsync<WeekRoster>(
                $"/api/teams/{team.Id.ToString(CultureInfo.InvariantCulture)}/roster?week={open.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"))!;
            rostered.AddRange(week.Shifts.Single(s => s.Date == open.Date && s.Shift == open.Shift).UserNames
                .Where(u => u != team.LeaderUserName)
                .Select(u => (u, team.Id)));
        }

        var clerks = new ReplayClerk[rostered.Count];
        using var gate = new SemaphoreSlim(ParallelSignIns);
        await Task.WhenAll(rostered.Select(async (member, i) =>
        {
            await gate.WaitAsync();
            try
            {
                var http = await EntryLoadSetup.SignInAsync(handler, admin.BaseAddress!, member.UserName);
                clerks[i] = new ReplayClerk(member.UserName, member.TeamId, http, new EntryLoadCases(i + 1, flagSome: false), budget);
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. clerks];
    }
}
