using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Progress;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using Entry.Shared.Entries;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Cases;

[Collection(MovedClockCollection.Name)]
public sealed class VerificationTests(ReviewDesk desk) : IClassFixture<ReviewDesk>
{
    private string Queue => $"/api/teams/{desk.TeamId}/verification";

    [Fact]
    public async Task A_flagged_case_waits_in_the_team_queue_until_an_officer_verifies_it()
    {
        var flagged = await desk.LogAsync(flagged: true);
        var before = (await desk.Admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;

        var queued = (await desk.Leader.GetFromJsonAsync<List<VerificationItem>>(Queue))!;
        var verified = await desk.Officer.PostAsJsonAsync($"/api/entries/{flagged.Id}/verify", new VerifyRequest());
        var again = await desk.Officer.PostAsJsonAsync($"/api/entries/{flagged.Id}/verify", new VerifyRequest());

        var item = queued.Single(i => i.EntryId == flagged.Id);
        Assert.Equal((ReviewDesk.Books.Long, VerificationReason.Illegible), (item.BookCode, item.Reason));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var details = (await verified.Content.ReadFromJsonAsync<CaseEntryDetails>())!;
        Assert.Equal((CaseStatus.Verified, 2, false), (details.Status, details.Version, details.NeedsVerification));
        var revision = details.History.Single();
        Assert.Equal((RevisionKind.Verified, "rv-c2"), (revision.Kind, revision.ChangedByUserName));
        Assert.Contains(new FieldChange("needsVerification", "true", "false"), revision.Changes);
        Assert.DoesNotContain((await desk.Officer.GetFromJsonAsync<List<VerificationItem>>(Queue))!, i => i.EntryId == flagged.Id);
        var after = (await desk.Admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        Assert.Equal((before.Entered, before.Flagged - 1, before.Verified + 1), (after.Entered, after.Flagged, after.Verified));
    }

    [Fact]
    public async Task A_verification_may_correct_the_case_and_the_change_is_in_its_history()
    {
        var flagged = await desk.LogAsync(flagged: true);

        var verified = await desk.Leader.PostAsJsonAsync($"/api/entries/{flagged.Id}/verify",
            new VerifyRequest { Correction = flagged with { Birth = flagged.Birth! with { MotherName = "Trần Thị Lân" } } });
        var invalid = await desk.Leader.PostAsJsonAsync($"/api/entries/{(await desk.LogAsync(flagged: true)).Id}/verify",
            new VerifyRequest { Correction = flagged with { Page = 0 } });

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var changes = (await verified.Content.ReadFromJsonAsync<CaseEntryDetails>())!.History.Single().Changes;
        Assert.Contains(new FieldChange("birth.motherName", "Trần Thị Lan", "Trần Thị Lân"), changes);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var fields = (await TeamSetup.ProblemAsync(invalid)).Fields;
        Assert.Contains("page", fields);
    }

    [Fact]
    public async Task Only_an_officer_of_the_team_verifies_and_only_a_flagged_case()
    {
        var flagged = await desk.LogAsync(flagged: true);
        var plain = await desk.LogAsync();
        var path = $"/api/entries/{flagged.Id}/verify";

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.Clerk.PostAsJsonAsync(path, new VerifyRequest())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.FarOfficer.PostAsJsonAsync(path, new VerifyRequest())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.Admin.PostAsJsonAsync(path, new VerifyRequest())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await desk.Officer.PostAsJsonAsync($"/api/entries/{plain.Id}/verify", new VerifyRequest())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Officer.PostAsJsonAsync($"/api/entries/{Guid.NewGuid()}/verify", new VerifyRequest())).StatusCode);
        Assert.Equal(CaseStatus.Flagged, await desk.Factory.WithDbAsync(db => db.CaseEntries.Where(e => e.Id == flagged.Id).Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_queue_is_for_the_team_leader_its_officers_and_Admins()
    {
        Assert.Equal(HttpStatusCode.OK, (await desk.Leader.GetAsync(Queue)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.Officer.GetAsync(Queue)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.Admin.GetAsync(Queue)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.Clerk.GetAsync(Queue)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.FarLeader.GetAsync(Queue)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.FarOfficer.GetAsync(Queue)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Admin.GetAsync("/api/teams/999999/verification")).StatusCode);
    }

    [Fact]
    public async Task Counters_equal_the_table_after_a_mix_of_logs_skips_corrections_and_verifications()
    {
        var a = await desk.LogAsync(flagged: true);
        var b = await desk.LogAsync(flagged: true);
        var c = await desk.LogAsync();
        await desk.LogAsync(flagged: true);
        await desk.Clerk.PostAsJsonAsync("/api/entries/skip",
            new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = ReviewDesk.Books.Long, EntryNumber = desk.NextNumber(), Reason = SkipReason.EntryCancelled });
        await desk.Officer.PostAsJsonAsync($"/api/entries/{a.Id}/verify", new VerifyRequest());
        // The clerk clears one flag and sets another; a verified case flagged again goes back to the queue.
        await desk.Clerk.PutAsJsonAsync($"/api/entries/{b.Id}", b with { NeedsVerification = false, VerificationReason = null });
        await desk.Clerk.PutAsJsonAsync($"/api/entries/{c.Id}", c with { NeedsVerification = true, VerificationReason = VerificationReason.MissingInformation });
        await desk.Officer.PutAsJsonAsync($"/api/entries/{a.Id}", a with { NeedsVerification = true, VerificationReason = VerificationReason.ConflictingInformation });

        var (truth, counters) = await desk.Factory.WithDbAsync(async db =>
            (await db.CaseEntries.Select(e => new { e.BookId, e.TeamId, e.Status }).ToListAsync(), await db.ProgressCounters.ToListAsync()));
        void Check(string scope, IEnumerable<CaseStatus> statuses)
        {
            var list = statuses.ToList();
            var counter = counters.Where(x => x.Scope == scope).ToList();
            Assert.Equal(list.Count(s => s != CaseStatus.Skipped), counter.Sum(x => x.Entered));
            Assert.Equal(list.Count(s => s == CaseStatus.Flagged), counter.Sum(x => x.Flagged));
            Assert.Equal(list.Count(s => s == CaseStatus.Verified), counter.Sum(x => x.Verified));
            Assert.Equal(list.Count(s => s == CaseStatus.Skipped), counter.Sum(x => x.Skipped));
        }
        Check(ScopeKey.Province.Name, truth.Select(t => t.Status));
        foreach (var book in truth.GroupBy(t => t.BookId))
        {
            Check(ScopeKey.Book(book.Key).Name, book.Select(t => t.Status));
        }
        foreach (var team in truth.GroupBy(t => t.TeamId))
        {
            Check(ScopeKey.Team(team.Key).Name, team.Select(t => t.Status));
        }
        Assert.Contains(truth, t => t.Status == CaseStatus.Verified || t.Status == CaseStatus.Flagged);
    }
}
