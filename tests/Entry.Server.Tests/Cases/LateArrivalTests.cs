using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.Server.Tests.Claims;
using Entry.Server.Tests.Live;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Cases;

/// <summary>
/// The late-arrivals rule: a case or skip typed during the clerk's claim on a book (its <c>typedAt</c>) that reaches the
/// server after the claim ended is taken on that claim's shift; a typing time outside the clerk's own claims, or in the
/// future, is refused with its reason, stores nothing, and is shown to the clerk and their leader.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class LateArrivalTests
{
    private static readonly DateOnly Day = ClaimWorld.Day;

    [Fact]
    public async Task A_case_typed_during_the_claim_that_arrives_after_the_shift_closed_is_taken_once_on_that_shift()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var book = await BookAsync(world);
        var clerk = await world.ClerkAsync("c1");
        (await clerk.PostAsync($"/api/books/{book}/claim", null)).EnsureSuccessStatusCode();
        await world.Factory.CatchUpAsync();
        var typed = SampleCases.Birth(1, book) with { TypedAt = Local.At(Day, 10, 30) };
        var skipTyped = new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = book, EntryNumber = 2, Reason = SkipReason.PageMissing, TypedAt = Local.At(Day, 11, 59) };

        world.Factory.Time.SetUtcNow(Local.At(Day, 12, 30));
        await world.Factory.CatchUpAsync();
        Assert.Equal(0, await world.ClaimsOnAsync(book));
        // Signed in again: a bearer token lasts an hour of the moved clock.
        clerk = await world.ClerkAsync("c1");
        // The team's live board, open on the next shift.
        var team = Entry.Shared.Progress.ScopeKey.Team(world.TeamId).Name;
        await using var board = await LiveClient.ConnectAsync(world.Factory, await world.Factory.AdminAsync());
        await board.SubscribeAsync(team);

        var first = await clerk.PostAsJsonAsync("/api/entries", typed);
        var again = await clerk.PostAsJsonAsync("/api/entries", typed);
        var skip = await clerk.PostAsJsonAsync("/api/entries/skip", skipTyped);
        var untimed = await clerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(3, book));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var stored = (await first.Content.ReadFromJsonAsync<CaseEntryResult>())!;
        var replayed = (await again.Content.ReadFromJsonAsync<CaseEntryResult>())!;
        Assert.Equal((typed.Id, 1, 1), (stored.Id, stored.EntryNumber, stored.CasesLogged));
        Assert.Equal((stored.Id, stored.EntryNumber, stored.StoredAt), (replayed.Id, replayed.EntryNumber, replayed.StoredAt));
        Assert.Equal(HttpStatusCode.Created, skip.StatusCode);
        // Without a typing time the present rule holds: the clerk holds no claim now.
        Assert.Equal(HttpStatusCode.Forbidden, untimed.StatusCode);
        var entries = await world.Factory.WithDbAsync(db => db.CaseEntries.Where(e => e.Book!.Code == book)
            .Select(e => new { e.Id, e.ShiftDate, e.Shift, e.TeamId }).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((Day, 1, world.TeamId), (e.ShiftDate, e.Shift, e.TeamId)));
        // Counted once, on the shift it was typed in.
        var shifts = new[] { Entry.Shared.Progress.ScopeKey.Shift(Day, 1).Name, Entry.Shared.Progress.ScopeKey.Shift(Day, 2).Name };
        var counters = await world.Factory.WithDbAsync(db => db.ProgressCounters.AsNoTracking().Where(c => shifts.Contains(c.Scope)).ToListAsync());
        var typedShift = Assert.Single(counters);
        Assert.Equal((shifts[0], 1L, 1L), (typedShift.Scope, typedShift.Entered, typedShift.Skipped));
        // Live, the board hears of the case as a late one: a case of the last hour, not of the shift now open.
        await Local.EventuallyAsync(() => Task.FromResult(board.AddedIn(team) == 1), "the late case on the team's board");
        var line = Assert.Single(board.Cases.Where(b => b.Scope == team).SelectMany(b => b.Books));
        Assert.Equal((book, 1, 1, 1), (line.BookCode, line.CasesLogged, line.Added, line.AddedLate));
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/api/claims/mine")).StatusCode);
    }

    [Fact]
    public async Task A_typing_time_outside_the_clerk_s_own_claims_or_in_the_future_is_refused_with_its_reason_and_stores_nothing()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var book = await BookAsync(world);
        var clerk = await world.ClerkAsync("c1");
        var colleague = await world.ClerkAsync("c2");
        (await clerk.PostAsync($"/api/books/{book}/claim", null)).EnsureSuccessStatusCode();
        world.Factory.Time.SetUtcNow(Local.At(Day, 9, 59, 59));
        (await clerk.PostAsync($"/api/books/{book}/release", null)).EnsureSuccessStatusCode();
        world.Factory.Time.SetUtcNow(Local.At(Day, 12, 30));
        // Signed in again: a bearer token lasts an hour of the moved clock.
        clerk = await world.ClerkAsync("c1");
        colleague = await world.ClerkAsync("c2");

        var afterRelease = await clerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(1, book) with { TypedAt = Local.At(Day, 11, 0) });
        var beforeClaim = await clerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(2, book) with { TypedAt = Local.At(Day, 8, 0) });
        var future = await clerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(3, book) with { TypedAt = Local.At(Day, 14, 0) });
        var skip = await clerk.PostAsJsonAsync("/api/entries/skip",
            new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = book, EntryNumber = 4, Reason = SkipReason.EntryBlank, TypedAt = Local.At(Day, 11, 0) });
        // Inside c1's claim, but c2 never held the book: another clerk's claim does not count.
        var colleagues = await colleague.PostAsJsonAsync("/api/entries", SampleCases.Birth(5, book) with { TypedAt = Local.At(Day, 9, 30) });

        var outside = await ProblemAsync(afterRelease, HttpStatusCode.Conflict, "typed_outside_claim");
        Assert.Contains("24/11/2026 09:00", outside.Detail);
        Assert.Contains("24/11/2026 09:59", outside.Detail);
        Assert.Contains("24/11/2026 11:00", outside.Detail);
        Assert.True(outside.Body.GetProperty("errors").TryGetProperty("typedAt", out _));
        Assert.Equal($"The entry was saved at 24/11/2026 11:00, outside your claim on book {book} from 24/11/2026 09:00 to 24/11/2026 09:59: "
            + "a late entry is taken only when typed during one of your own claims.", outside.Detail);
        Assert.Equal("Typed outside the claim", outside.Body.GetProperty("title").GetString());
        // Without Accept-Language the same refusal reads in Vietnamese, with the same code.
        clerk.DefaultRequestHeaders.AcceptLanguage.Clear();
        var inVietnamese = await ProblemAsync(await clerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(6, book) with { TypedAt = Local.At(Day, 11, 0) }),
            HttpStatusCode.Conflict, "typed_outside_claim");
        Assert.Equal("Nhập ngoài lượt giữ sổ", inVietnamese.Body.GetProperty("title").GetString());
        Assert.StartsWith("Bản ghi được lưu lúc 24/11/2026 11:00, ngoài lượt giữ sổ", inVietnamese.Detail);
        await ProblemAsync(beforeClaim, HttpStatusCode.Conflict, "typed_outside_claim");
        await ProblemAsync(future, (HttpStatusCode)422, "typed_in_future");
        await ProblemAsync(skip, HttpStatusCode.Conflict, "typed_outside_claim");
        await ProblemAsync(colleagues, HttpStatusCode.Conflict, "typed_without_claim");
        Assert.Equal(0, await world.Factory.WithDbAsync(db => db.CaseEntries.CountAsync(e => e.Book!.Code == book)));
        Assert.Equal(Entry.Shared.Books.BookStatus.NotStarted, await world.StatusOfAsync(book));
    }

    [Fact]
    public async Task The_leader_and_the_clerk_see_a_refused_late_case_and_another_team_s_leader_does_not()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var (leader, otherLeader, otherTeam) = await LeadersAsync(world);
        var book = await BookAsync(world);
        var clerk = await world.ClerkAsync("c1");
        var colleague = await world.ClerkAsync("c2");
        (await clerk.PostAsync($"/api/books/{book}/claim", null)).EnsureSuccessStatusCode();
        world.Factory.Time.SetUtcNow(Local.At(Day, 9, 59, 59));
        (await clerk.PostAsync($"/api/books/{book}/release", null)).EnsureSuccessStatusCode();
        world.Factory.Time.SetUtcNow(Local.At(Day, 12, 30));
        // Signed in again: a bearer token lasts an hour of the moved clock.
        clerk = await world.ClerkAsync("c1");
        colleague = await world.ClerkAsync("c2");
        var forged = SampleCases.Birth(7, book) with { TypedAt = Local.At(Day, 11, 0) };

        await ProblemAsync(await clerk.PostAsJsonAsync("/api/entries", forged), HttpStatusCode.Conflict, "typed_outside_claim");
        world.Factory.Time.SetUtcNow(Local.At(Day, 12, 45));
        await ProblemAsync(await clerk.PostAsJsonAsync("/api/entries", forged), HttpStatusCode.Conflict, "typed_outside_claim");

        (leader, otherLeader) = (await world.Factory.SignedInClientAsync("lead-late", Support.EntryFactory.Password),
            await world.Factory.SignedInClientAsync("lead-other", Support.EntryFactory.Password));
        var seen = await leader.GetAsync($"/api/teams/{world.TeamId}/refused-submissions");
        var body = await seen.Content.ReadAsStringAsync();
        var item = Assert.Single((await seen.Content.ReadFromJsonAsync<List<RefusedSubmissionItem>>())!);
        Assert.Equal((forged.Id, "case", book, 7, "typed_outside_claim", "c1", 2), (item.Id, item.Kind, item.BookCode, item.EntryNumber, item.Reason, item.ClerkUserName, item.Attempts));
        Assert.Equal(forged.TypedAt, item.TypedAt);
        Assert.Equal(Local.At(Day, 12, 30), item.FirstRefusedAt);
        Assert.Equal(Local.At(Day, 12, 45), item.LastRefusedAt);
        Assert.DoesNotContain(forged.Birth!.ChildName!, body, StringComparison.Ordinal);
        Assert.DoesNotContain(forged.Birth.MotherName!, body, StringComparison.Ordinal);

        var own = (await clerk.GetFromJsonAsync<List<RefusedSubmissionItem>>("/api/entries/refused"))!;
        Assert.Equal(forged.Id, Assert.Single(own).Id);
        var ownInTeam = (await clerk.GetFromJsonAsync<List<RefusedSubmissionItem>>($"/api/teams/{world.TeamId}/refused-submissions"))!;
        Assert.Equal(forged.Id, Assert.Single(ownInTeam).Id);
        Assert.Empty((await colleague.GetFromJsonAsync<List<RefusedSubmissionItem>>($"/api/teams/{world.TeamId}/refused-submissions"))!);
        Assert.Empty((await colleague.GetFromJsonAsync<List<RefusedSubmissionItem>>("/api/entries/refused"))!);

        Assert.Equal(HttpStatusCode.Forbidden, (await otherLeader.GetAsync($"/api/teams/{world.TeamId}/refused-submissions")).StatusCode);
        Assert.Empty((await otherLeader.GetFromJsonAsync<List<RefusedSubmissionItem>>($"/api/teams/{otherTeam}/refused-submissions"))!);
    }

    [Fact]
    public async Task A_late_case_whose_number_was_logged_meanwhile_is_refused_and_shown_to_the_leader()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var (leader, _, _) = await LeadersAsync(world);
        var book = await BookAsync(world);
        var clerk = await world.ClerkAsync("c1");
        var colleague = await world.ClerkAsync("c2");
        (await clerk.PostAsync($"/api/books/{book}/claim", null)).EnsureSuccessStatusCode();
        var typed = SampleCases.Birth(1, book) with { TypedAt = Local.At(Day, 9, 30) };
        world.Factory.Time.SetUtcNow(Local.At(Day, 9, 45));
        (await clerk.PostAsync($"/api/books/{book}/release", null)).EnsureSuccessStatusCode();
        (await colleague.PostAsync($"/api/books/{book}/claim", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await colleague.PostAsJsonAsync("/api/entries", SampleCases.Birth(1, book))).StatusCode);

        var late = await clerk.PostAsJsonAsync("/api/entries", typed);
        // The colleague holds the book now, but an entry number still free is taken from the late clerk.
        var lateFree = await clerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(2, book) with { TypedAt = Local.At(Day, 9, 40) });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(HttpStatusCode.Created, lateFree.StatusCode);
        var item = Assert.Single((await leader.GetFromJsonAsync<List<RefusedSubmissionItem>>($"/api/teams/{world.TeamId}/refused-submissions"))!);
        Assert.Equal((typed.Id, "entry_number_taken"), (item.Id, item.Reason));
    }

    private static async Task<(HttpClient Leader, HttpClient OtherLeader, int OtherTeam)> LeadersAsync(ClaimWorld world)
    {
        var leader = await world.Factory.ClientAsAsync(Roles.TeamLeader, "lead-late");
        var otherLeader = await world.Factory.ClientAsAsync(Roles.TeamLeader, "lead-other");
        var otherTeam = await world.Factory.WithDbAsync(async db =>
        {
            var ids = await db.Users.Where(u => u.UserName!.StartsWith("lead-")).ToDictionaryAsync(u => u.UserName!, u => u.Id);
            var team = await db.Teams.SingleAsync(t => t.Id == world.TeamId);
            var other = await db.Teams.SingleAsync(t => t.Id != world.TeamId);
            (team.LeaderId, other.LeaderId) = (ids["lead-late"], ids["lead-other"]);
            await db.SaveChangesAsync();
            return other.Id;
        });
        return (leader, otherLeader, otherTeam);
    }

    /// <summary>A birth book of 40 cases of the team's commune (its registration period holds the sample cases' dates).</summary>
    private static async Task<string> BookAsync(ClaimWorld world)
    {
        var admin = await world.Factory.AdminAsync();
        var code = $"L{Guid.NewGuid():N}"[..12];
        (await admin.PostAsync("/api/books/import", Support.Csv.Body($"{code},25216,birth,9,1990-01-01,2000-12-31,40,good"))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/assignment/recompute", null)).EnsureSuccessStatusCode();
        return code;
    }

    private static async Task<(string Detail, JsonElement Body)> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal(code, body.GetProperty("code").GetString());
        var detail = body.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return (detail, body);
    }
}
