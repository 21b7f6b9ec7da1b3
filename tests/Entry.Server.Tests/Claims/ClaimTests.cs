using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Books;
using Entry.Shared.Claims;
using Microsoft.AspNetCore.Mvc;

namespace Entry.Server.Tests.Claims;

[Collection(MovedClockCollection.Name)]
public sealed class ClaimTests
{
    [Fact]
    public async Task A_clerk_on_shift_claims_the_next_book_of_the_team_queue_until_the_shift_ends()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var clerk = await world.ClerkAsync("c1");

        var response = await clerk.PostAsync("/api/claims/next", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var book = (await response.Content.ReadFromJsonAsync<ClaimedBook>())!;
        Assert.Equal(world.QueuedBooks[0], book.Code);
        Assert.Equal(BookType.Birth, book.Type);
        Assert.Equal(40, book.CaseCount);
        Assert.Equal(0, book.CasesLogged);
        Assert.Equal(Local.At(ClaimWorld.Day, 12, 0), book.ClaimEndsAt);
        Assert.Equal(BookStatus.InProgress, await world.StatusOfAsync(book.Code));
        Assert.Equal(book.Code, (await clerk.GetFromJsonAsync<ClaimedBook>("/api/claims/mine"))!.Code);
    }

    [Fact]
    public async Task A_clerk_holds_one_book_at_a_time()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var clerk = await world.ClerkAsync("c1");
        await clerk.PostAsync("/api/claims/next", null);

        var again = await clerk.PostAsync("/api/claims/next", null);
        var chosen = await clerk.PostAsync($"/api/books/{world.QueuedBooks[3]}/claim", null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("release it", (await again.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Conflict, chosen.StatusCode);
    }

    [Fact]
    public async Task When_many_clerks_claim_the_same_book_at_once_exactly_one_wins()
    {
        await using var world = await ClaimWorld.CreateAsync(clerks: 8);
        var clerks = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => world.ClerkAsync($"c{i}")));
        var target = world.QueuedBooks[2];

        var answers = await Task.WhenAll(clerks.Select(c => c.PostAsync($"/api/books/{target}/claim", null)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await world.ClaimsOnAsync(target));
    }

    [Fact]
    public async Task Clerks_asking_for_the_next_book_at_once_get_different_books()
    {
        await using var world = await ClaimWorld.CreateAsync(clerks: 6);
        var clerks = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => world.ClerkAsync($"c{i}")));

        var answers = await Task.WhenAll(clerks.Select(c => c.PostAsync("/api/claims/next", null)));

        var books = new List<string>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            books.Add((await answer.Content.ReadFromJsonAsync<ClaimedBook>())!.Code);
        }
        Assert.Equal(6, books.Distinct().Count());
        Assert.Equal(world.QueuedBooks.Order(), books.Order());
    }

    [Fact]
    public async Task A_clerk_not_rostered_on_the_open_shift_or_outside_the_shifts_may_not_claim()
    {
        await using var world = await ClaimWorld.CreateAsync();
        // Bearer tokens expire by the moved clock too: sign in again after each move.
        world.Factory.Time.SetUtcNow(Local.At(ClaimWorld.Day, 13, 0));
        var otherShift = await (await world.ClerkAsync("c1")).PostAsync("/api/claims/next", null);

        world.Factory.Time.SetUtcNow(Local.At(ClaimWorld.Day, 23, 0));
        var night = await (await world.ClerkAsync("c1")).PostAsync("/api/claims/next", null);

        Assert.Equal(HttpStatusCode.Forbidden, otherShift.StatusCode);
        Assert.Equal("Not on shift", (await otherShift.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        Assert.Equal(HttpStatusCode.Forbidden, night.StatusCode);
        Assert.Equal("No shift open", (await night.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }

    [Fact]
    public async Task A_book_of_another_team_or_an_unknown_book_cannot_be_claimed()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var clerk = await world.ClerkAsync("c1");

        var other = await clerk.PostAsync($"/api/books/{world.OtherTeamsBook}/claim", null);
        var unknown = await clerk.PostAsync("/api/books/NO-SUCH-BOOK/claim", null);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_released_book_goes_back_to_the_queue_for_another_clerk()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var first = await world.ClerkAsync("c1");
        var second = await world.ClerkAsync("c2");
        var book = (await (await first.PostAsync("/api/claims/next", null)).Content.ReadFromJsonAsync<ClaimedBook>())!.Code;

        var release = await first.PostAsync($"/api/books/{book}/release", null);
        var releaseAgain = await first.PostAsync($"/api/books/{book}/release", null);
        var next = (await (await second.PostAsync("/api/claims/next", null)).Content.ReadFromJsonAsync<ClaimedBook>())!;

        Assert.Equal(HttpStatusCode.NoContent, release.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, releaseAgain.StatusCode);
        Assert.Equal(book, next.Code);
    }

    [Fact]
    public async Task Closing_the_shift_releases_what_its_clerks_still_hold()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var clerk = await world.ClerkAsync("c1");
        var book = (await (await clerk.PostAsync("/api/claims/next", null)).Content.ReadFromJsonAsync<ClaimedBook>())!.Code;
        await world.Factory.CatchUpAsync();

        world.Factory.Time.SetUtcNow(Local.At(ClaimWorld.Day, 12, 0, 30));
        await world.Factory.CatchUpAsync();

        Assert.Equal(0, await world.ClaimsOnAsync(book));
        Assert.Equal(BookStatus.NotStarted, await world.StatusOfAsync(book));
    }

    [Fact]
    public async Task Logging_the_last_case_of_a_book_finishes_it_and_ends_the_claim()
    {
        await using var world = await ClaimWorld.CreateAsync();
        var admin = await world.Factory.AdminAsync();
        var code = $"F{Guid.NewGuid():N}"[..12];
        await admin.PostAsync("/api/books/import", Support.Csv.Body($"{code},25216,birth,9,1990-01-01,2000-12-31,3,good"));
        await admin.PostAsync("/api/assignment/recompute", null);
        var clerk = await world.ClerkAsync("c1");
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/books/{code}/claim", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/entries", Cases.SampleCases.Birth(1, code))).StatusCode);
        Assert.Equal(BookStatus.InProgress, await world.StatusOfAsync(code));
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/entries", Cases.SampleCases.Birth(2, code))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/entries", Cases.SampleCases.Birth(3, code))).StatusCode);

        Assert.Equal(BookStatus.Finished, await world.StatusOfAsync(code));
        Assert.Equal(0, await world.ClaimsOnAsync(code));
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/api/claims/mine")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsync($"/api/books/{code}/claim", null)).StatusCode);
    }
}
