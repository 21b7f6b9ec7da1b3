using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entry.Server.Features.Shifts;
using Entry.Shared.Auth;
using Entry.Shared.Claims;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;

namespace Entry.Benchmarks;

/// <summary>Before a load run: the clock offset that opens a shift, then the rostered clerks of that shift, signed in, each holding a book.</summary>
internal static class EntryLoadSetup
{
    public const string DemoPassword = "Demo-2026";

    /// <summary>
    /// Zero while a shift stays open for the whole run; otherwise the offset that puts the server a minute into the next
    /// shift (shifts are 06–12, 12–17, 17–22 local: at night no clerk can log).
    /// </summary>
    public static TimeSpan ClockOffset(DateTimeOffset now, TimeSpan needed)
    {
        if (ShiftCalendar.OpenAt(now) is { } open && open.Ends > now + needed)
        {
            return TimeSpan.Zero;
        }
        var target = ShiftCalendar.NextAfter(now).Starts + TimeSpan.FromMinutes(1);
        return TimeSpan.FromMinutes(Math.Ceiling((target - now).TotalMinutes));
    }

    public static async Task<HttpClient> SignInAsync(HttpMessageHandler handler, Uri server, string userName)
    {
        var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        var token = await TokenAsync(http, userName);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<string> TokenAsync(HttpClient http, string userName)
    {
        using var login = await http.PostAsJsonAsync("/api/auth/login", new LoginRequest(userName, DemoPassword));
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    /// <summary>
    /// Up to <paramref name="wanted"/> members rostered on the open shift (never a team's leader: a TeamLeader is not a
    /// Clerk), team by team, each signed in and holding the next book of its team's queue.
    /// </summary>
    public static async Task<List<EntryLoadClerk>> ClerksAsync(HttpClient admin, HttpMessageHandler handler, int wanted)
    {
        var clock = (await admin.GetFromJsonAsync<ShiftClockState>("/api/shifts/clock"))!;
        var open = clock.Open ?? throw new InvalidOperationException($"No shift is open at {clock.Now:yyyy-MM-dd HH:mm} (server time).");
        var teams = (await admin.GetFromJsonAsync<List<TeamSummary>>("/api/teams"))!;
        var clerks = new List<EntryLoadClerk>();
        foreach (var team in teams.OrderBy(t => t.Id))
        {
            var week = (await admin.GetFromJsonAsync<WeekRoster>(
                $"/api/teams/{team.Id.ToString(CultureInfo.InvariantCulture)}/roster?week={open.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"))!;
            var rostered = week.Shifts.Single(s => s.Date == open.Date && s.Shift == open.Shift).UserNames;
            foreach (var userName in rostered.Where(u => u != team.LeaderUserName))
            {
                if (clerks.Count == wanted)
                {
                    return clerks;
                }
                var http = await SignInAsync(handler, admin.BaseAddress!, userName);
                using var claim = await http.PostAsync("/api/claims/next", null);
                if (claim.StatusCode != HttpStatusCode.OK)
                {
                    Console.WriteLine($"  {userName} could not claim a book ({(int)claim.StatusCode}): left out");
                    http.Dispose();
                    continue;
                }
                var book = (await claim.Content.ReadFromJsonAsync<ClaimedBook>())!;
                clerks.Add(new EntryLoadClerk(userName, team.Id, http, book, new EntryLoadCases(clerks.Count + 1)));
            }
        }
        return clerks;
    }
}
