using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Cases;

// The fake clock is handed to Quartz, whose clock is process-wide: run apart from the other servers.
[Collection(MovedClockCollection.Name)]
public sealed class EntryStorageTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    [Fact]
    public async Task The_same_id_with_the_same_case_is_answered_with_the_first_result_and_stored_once()
    {
        var request = SampleCases.Birth(desk.NextNumber());
        var first = await desk.BirthClerk.PostAsJsonAsync("/api/entries", request);
        var again = await desk.BirthClerk.PostAsJsonAsync("/api/entries", request with { Birth = request.Birth! with { ChildName = " Nguyễn  Thị Hoa " } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<CaseEntryResult>())!;
        var b = (await again.Content.ReadFromJsonAsync<CaseEntryResult>())!;
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a.StoredAt, b.StoredAt);
        Assert.Equal(1, await desk.Factory.WithDbAsync(db => db.CaseEntries.CountAsync(e => e.Id == request.Id)));
    }

    [Fact]
    public async Task The_same_id_with_another_case_is_a_conflict()
    {
        var request = SampleCases.Birth(desk.NextNumber());
        (await desk.BirthClerk.PostAsJsonAsync("/api/entries", request)).EnsureSuccessStatusCode();

        var other = await desk.BirthClerk.PostAsJsonAsync("/api/entries", request with { Page = 9 });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("id", (await TeamSetup.ProblemAsync(other)).Fields);
    }

    [Fact]
    public async Task An_entry_number_already_logged_under_another_id_is_a_conflict_naming_entryNumber()
    {
        var number = desk.NextNumber();
        (await desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(number))).EnsureSuccessStatusCode();

        var second = await desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(number));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("entryNumber", (await TeamSetup.ProblemAsync(second)).Fields);
    }

    [Fact]
    public async Task Twenty_identical_submissions_at_once_store_one_case_and_all_succeed()
    {
        var request = SampleCases.Birth(desk.NextNumber());
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => desk.BirthClerk.PostAsJsonAsync("/api/entries", request)));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.StatusCode.ToString()));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await desk.Factory.WithDbAsync(db => db.CaseEntries.CountAsync(e => e.Id == request.Id)));
    }

    [Fact]
    public async Task Two_ids_racing_for_one_entry_number_store_one_and_answer_the_other_with_a_conflict()
    {
        var number = desk.NextNumber();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(number))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task A_clerk_without_a_claim_on_the_book_is_forbidden()
    {
        var response = await desk.IdleClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(desk.NextNumber(), EntryDesk.Books.Unclaimed));
        await AssertForbiddenAsync(response, "No claim on the book");
    }

    [Fact]
    public async Task A_clerk_cannot_log_into_a_book_another_clerk_holds()
    {
        var response = await desk.MarriageClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(desk.NextNumber()));
        await AssertForbiddenAsync(response, "Book held by another clerk");
    }

    [Fact]
    public async Task A_clerk_whose_claim_belongs_to_a_closed_shift_is_forbidden()
    {
        var response = await desk.StaleClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(desk.NextNumber(), EntryDesk.Books.Stale));
        await AssertForbiddenAsync(response, "Shift closed");
    }

    [Theory]
    [InlineData(Roles.TeamLeader)]
    [InlineData(Roles.Monitor)]
    [InlineData(Roles.Admin)]
    public async Task Other_roles_are_forbidden(string role)
    {
        var client = await desk.Factory.ClientAsAsync(role, $"entries-{role.ToLowerInvariant()}");
        var response = await client.PostAsJsonAsync("/api/entries", SampleCases.Birth(desk.NextNumber()));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Names_and_citizen_ids_never_reach_the_logs()
    {
        var c = SampleCases.Death(desk.NextNumber());
        var request = c with { Death = c.Death! with { DeceasedName = "Điểu Privacy", DeceasedCitizenId = "070031987654" } };
        var response = await desk.DeathClerk.PostAsJsonAsync("/api/entries", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refused = await desk.DeathClerk.PostAsJsonAsync("/api/entries",
            request with { Id = Guid.NewGuid(), EntryNumber = desk.NextNumber(), Death = request.Death! with { DeceasedCitizenId = "07003198765" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var duplicate = await desk.DeathClerk.PostAsJsonAsync("/api/entries", request with { Id = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        var logs = desk.Factory.Logs.ToArray();
        Assert.DoesNotContain(logs, line => line.Contains("Privacy", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("07003198765", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("1931-02-01", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.Contains($"Case {request.Id} stored", StringComparison.Ordinal));
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response, string title)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var (_, _, body) = await TeamSetup.ProblemAsync(response);
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
    }
}
