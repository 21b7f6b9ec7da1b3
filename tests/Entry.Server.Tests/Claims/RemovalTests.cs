using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Claims;

/// <summary>
/// A clerk taken off the team, or off the open shift's roster, loses their claim at once and can no longer write through
/// any path — with a token (or cookie) issued before the removal.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class RemovalTests
{
    public static readonly TheoryData<string, string> PathsAndRemovals = new()
    {
        { "log", "team" }, { "skip", "team" }, { "correct", "team" }, { "count-report", "team" }, { "claim-next", "team" }, { "claim-book", "team" },
        { "log", "roster" }, { "skip", "roster" }, { "correct", "roster" }, { "count-report", "roster" }, { "claim-next", "roster" }, { "claim-book", "roster" },
    };

    [Theory]
    [MemberData(nameof(PathsAndRemovals))]
    public async Task After_removal_a_token_issued_before_it_writes_nothing(string path, string removal)
    {
        await using var world = await ClaimWorld.CreateAsync();
        var clerk = await world.ClerkAsync("c1");
        var book = world.QueuedBooks[0];
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/books/{book}/claim", null)).StatusCode);
        var logged = CaseFor(book, 1);
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/entries", logged)).StatusCode);

        await RemoveAsync(world, "c1", removal);

        var answer = path switch
        {
            "log" => await clerk.PostAsJsonAsync("/api/entries", CaseFor(book, 2)),
            "skip" => await clerk.PostAsJsonAsync("/api/entries/skip", new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = book, EntryNumber = 2, Reason = SkipReason.PageMissing }),
            "correct" => await clerk.PutAsJsonAsync($"/api/entries/{logged.Id}", logged with { Page = 9 }),
            "count-report" => await clerk.PostAsJsonAsync($"/api/books/{book}/count-report", new CountReportRequest { ReportedCount = 41 }),
            "claim-next" => await clerk.PostAsync("/api/claims/next", null),
            _ => await clerk.PostAsync($"/api/books/{world.QueuedBooks[1]}/claim", null),
        };

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal(1, await world.Factory.WithDbAsync(db => db.CaseEntries.CountAsync(e => e.Book!.Code == book)));
        Assert.Equal(4, await world.Factory.WithDbAsync(db => db.CaseEntries.Where(e => e.Id == logged.Id).Select(e => e.Page).SingleAsync()));
        Assert.Equal(0, await world.Factory.WithDbAsync(db => db.CountReports.CountAsync()));
        Assert.Equal(0, await world.Factory.WithDbAsync(db => db.Claims.CountAsync(c => c.User!.UserName == "c1")));
    }

    [Theory]
    [InlineData("team")]
    [InlineData("roster")]
    public async Task The_removal_itself_releases_the_claim_as_at_shift_end(string removal)
    {
        await using var world = await ClaimWorld.CreateAsync();
        var untouched = await world.ClerkAsync("c1");
        var started = await world.ClerkAsync("c2");
        var (bookA, bookB) = (world.QueuedBooks[0], world.QueuedBooks[1]);
        await untouched.PostAsync($"/api/books/{bookA}/claim", null);
        await started.PostAsync($"/api/books/{bookB}/claim", null);
        Assert.Equal(HttpStatusCode.Created, (await started.PostAsJsonAsync("/api/entries", CaseFor(bookB, 1))).StatusCode);

        if (removal == "team")
        {
            await RemoveAsync(world, "c1", removal);
            await RemoveAsync(world, "c2", removal);
        }
        else
        {
            // One plan takes both off the open shift.
            await RemoveAsync(world, "c1", removal);
        }

        Assert.Equal(0, await world.ClaimsOnAsync(bookA));
        Assert.Equal(0, await world.ClaimsOnAsync(bookB));
        Assert.Equal(BookStatus.NotStarted, await world.StatusOfAsync(bookA));
        Assert.Equal(BookStatus.InProgress, await world.StatusOfAsync(bookB));
        // Back in the queue: a clerk still on the shift takes the first one.
        var stays = await world.ClerkAsync("c3");
        if (removal == "team")
        {
            Assert.Equal(HttpStatusCode.OK, (await stays.PostAsync($"/api/books/{bookA}/claim", null)).StatusCode);
        }
    }

    [Fact]
    public async Task A_retry_of_a_stored_case_is_still_answered_after_removal_but_a_new_case_is_refused()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var clerk = await world.ClerkAsync("c1");
        var book = world.QueuedBooks[0];
        await clerk.PostAsync($"/api/books/{book}/claim", null);
        var logged = CaseFor(book, 1);
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/entries", logged)).StatusCode);

        await RemoveAsync(world, "c1", "team");

        var retry = await clerk.PostAsJsonAsync("/api/entries", logged);
        var fresh = await clerk.PostAsJsonAsync("/api/entries", CaseFor(book, 2));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(logged.Id, (await retry.Content.ReadFromJsonAsync<CaseEntryResult>())!.Id);
        Assert.Equal(HttpStatusCode.Forbidden, fresh.StatusCode);
        Assert.Equal(1, await world.Factory.WithDbAsync(db => db.CaseEntries.CountAsync(e => e.Book!.Code == book)));
    }

    [Fact]
    public async Task A_cookie_signed_in_before_the_removal_logs_nothing_after_it()
    {
        await using var world = await ClaimWorld.CreateAsync();
        // The cookie is carried by hand: the client's cookie jar would drop it as expired against the real clock.
        using var browser = world.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest("c1", EntryFactory.Password));
        login.EnsureSuccessStatusCode();
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("entry.auth=", StringComparison.Ordinal)).Split(';')[0];
        browser.DefaultRequestHeaders.Add("Cookie", cookie);
        var book = world.QueuedBooks[0];
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync($"/api/books/{book}/claim", null)).StatusCode);

        await RemoveAsync(world, "c1", "team");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsJsonAsync("/api/entries", CaseFor(book, 1))).StatusCode);
        Assert.Equal(0, await world.Factory.WithDbAsync(db => db.CaseEntries.CountAsync()));
    }

    [Fact]
    public async Task A_civil_registry_officer_corrects_while_a_member_and_not_after_removal()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var admin = await world.Factory.AdminAsync();
        (await admin.PutAsJsonAsync($"/api/teams/{world.TeamId}/members/c2", new UpdateMemberRequest(MemberCategory.CivilRegistryOfficer))).EnsureSuccessStatusCode();
        var clerk = await world.ClerkAsync("c1");
        var officer = await world.ClerkAsync("c2");
        var book = world.QueuedBooks[0];
        await clerk.PostAsync($"/api/books/{book}/claim", null);
        var logged = CaseFor(book, 1);
        await clerk.PostAsJsonAsync("/api/entries", logged);

        var whileMember = await officer.PutAsJsonAsync($"/api/entries/{logged.Id}", logged with { Page = 7 });
        await RemoveAsync(world, "c2", "team");
        var afterRemoval = await officer.PutAsJsonAsync($"/api/entries/{logged.Id}", logged with { Page = 8 });

        Assert.Equal(HttpStatusCode.OK, whileMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterRemoval.StatusCode);
        Assert.Equal(7, await world.Factory.WithDbAsync(db => db.CaseEntries.Where(e => e.Id == logged.Id).Select(e => e.Page).SingleAsync()));
    }

    /// <summary>"team": the member is removed; "roster": the open shift is planned without them (here: cleared).</summary>
    private static async Task RemoveAsync(ClaimWorld world, string userName, string removal)
    {
        var admin = await world.Factory.AdminAsync();
        var response = removal == "team"
            ? await admin.DeleteAsync($"/api/teams/{world.TeamId}/members/{userName}")
            : await admin.PutAsJsonAsync($"/api/teams/{world.TeamId}/roster/{ClaimWorld.Day:yyyy-MM-dd}/1", new PlanShiftRequest([]));
        Assert.True(response.IsSuccessStatusCode, $"{removal} removal answered {(int)response.StatusCode}");
    }

    /// <summary>A birth case dated inside book Q…-i (registered in 1970 + i).</summary>
    private static CaseEntryRequest CaseFor(string book, int number)
    {
        var year = 1970 + int.Parse(book[(book.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var request = SampleCases.Birth(number, book);
        return request with
        {
            RegistrationDate = new DateOnly(year, 3, 14),
            Birth = request.Birth! with { DateOfBirth = new DateOnly(year, 3, 2) },
        };
    }
}
