using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using Entry.Shared.Books;
using Entry.Shared.Claims;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Cases;

[Collection(MovedClockCollection.Name)]
public sealed class SkipTests(ReviewDesk desk) : IClassFixture<ReviewDesk>
{
    private SkipEntryRequest Skip(int number, string book = ReviewDesk.Books.Long) =>
        new() { Id = Guid.NewGuid(), BookCode = book, EntryNumber = number, Reason = SkipReason.PageMissing, Note = "Trang 12 bị mất" };

    [Fact]
    public async Task A_skip_is_stored_once_per_id_and_answers_the_skipped_count()
    {
        var skip = Skip(desk.NextNumber());

        var first = await desk.Clerk.PostAsJsonAsync("/api/entries/skip", skip);
        var replay = await desk.Clerk.PostAsJsonAsync("/api/entries/skip", skip);
        var otherBody = await desk.Clerk.PostAsJsonAsync("/api/entries/skip", skip with { Reason = SkipReason.EntryBlank });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherBody.StatusCode);
        var answer = (await first.Content.ReadFromJsonAsync<CaseEntryResult>())!;
        Assert.Equal(answer.StoredAt, (await replay.Content.ReadFromJsonAsync<CaseEntryResult>())!.StoredAt);
        Assert.True(answer.CasesSkipped >= 1);
        var stored = await desk.Factory.WithDbAsync(db => db.CaseEntries.SingleAsync(e => e.Id == skip.Id));
        Assert.Equal(CaseStatus.Skipped, stored.Status);
        Assert.Equal(SkipReason.PageMissing, stored.SkipReason);
    }

    [Fact]
    public async Task A_number_is_either_logged_or_skipped_never_both()
    {
        var logged = await desk.LogAsync();
        var skipped = Skip(desk.NextNumber());
        await desk.Clerk.PostAsJsonAsync("/api/entries/skip", skipped);

        var skipLogged = await desk.Clerk.PostAsJsonAsync("/api/entries/skip", Skip(logged.EntryNumber));
        var logSkipped = await desk.Clerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(skipped.EntryNumber, ReviewDesk.Books.Long));

        Assert.Equal(HttpStatusCode.Conflict, skipLogged.StatusCode);
        Assert.Contains("entryNumber", (await TeamSetup.ProblemAsync(skipLogged)).Fields);
        Assert.Equal(HttpStatusCode.Conflict, logSkipped.StatusCode);
    }

    [Fact]
    public async Task Bad_skips_are_refused_naming_the_field_and_store_nothing()
    {
        var before = await desk.Factory.WithDbAsync(db => db.CaseEntries.CountAsync());

        var noReason = await desk.Clerk.PostAsJsonAsync("/api/entries/skip", Skip(desk.NextNumber()) with { Reason = null });
        var longNote = await desk.Clerk.PostAsJsonAsync("/api/entries/skip", Skip(desk.NextNumber()) with { Note = new string('x', 501) });
        var badNumber = await desk.Clerk.PostAsJsonAsync("/api/entries/skip", Skip(ReviewDesk.LongCases + 1));
        var noBook = await desk.Clerk.PostAsJsonAsync("/api/entries/skip", Skip(1, "NO-SUCH-BOOK"));
        var noId = await desk.Clerk.PostAsJsonAsync("/api/entries/skip", Skip(desk.NextNumber()) with { Id = Guid.Empty });

        Assert.Contains("reason", (await TeamSetup.ProblemAsync(noReason)).Fields);
        Assert.Contains("note", (await TeamSetup.ProblemAsync(longNote)).Fields);
        Assert.Contains("entryNumber", (await TeamSetup.ProblemAsync(badNumber)).Fields);
        Assert.Contains("bookCode", (await TeamSetup.ProblemAsync(noBook)).Fields);
        Assert.Contains("id", (await TeamSetup.ProblemAsync(noId)).Fields);
        Assert.All(new[] { noReason, longNote, badNumber, noBook, noId }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(before, await desk.Factory.WithDbAsync(db => db.CaseEntries.CountAsync()));
    }

    [Fact]
    public async Task Only_the_holder_on_the_open_shift_skips()
    {
        var notHolder = await desk.ShortClerk.PostAsJsonAsync("/api/entries/skip", Skip(desk.NextNumber()));
        var offShift = await desk.StaleClerk.PostAsJsonAsync("/api/entries/skip", Skip(1, ReviewDesk.Books.Stale));
        var leader = await desk.Leader.PostAsJsonAsync("/api/entries/skip", Skip(desk.NextNumber()));

        Assert.Equal(HttpStatusCode.Forbidden, notHolder.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, offShift.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leader.StatusCode);
    }

    [Fact]
    public async Task Skips_finish_a_book_when_logged_and_skipped_reach_its_case_count()
    {
        var logged = await desk.ShortClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(1, ReviewDesk.Books.Short));
        logged.EnsureSuccessStatusCode();
        await desk.ShortClerk.PostAsJsonAsync("/api/entries/skip", Skip(2, ReviewDesk.Books.Short));
        var held = (await desk.ShortClerk.GetFromJsonAsync<ClaimedBook>("/api/claims/mine"))!;
        var last = await desk.ShortClerk.PostAsJsonAsync("/api/entries/skip", Skip(3, ReviewDesk.Books.Short) with { Reason = SkipReason.NumberNotUsed });

        Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        var answer = (await last.Content.ReadFromJsonAsync<CaseEntryResult>())!;
        Assert.Equal((1, 2, ReviewDesk.ShortCases), (answer.CasesLogged, answer.CasesSkipped, answer.CaseCount));
        Assert.Equal(BookStatus.Finished, await desk.Factory.WithDbAsync(db => db.Books.Where(b => b.Code == ReviewDesk.Books.Short).Select(b => b.Status).SingleAsync()));
        Assert.Equal(0, await desk.Factory.WithDbAsync(db => db.Claims.CountAsync(c => c.Book!.Code == ReviewDesk.Books.Short)));
        Assert.Equal((1, 1), (held.CasesLogged, held.CasesSkipped));
    }
}
