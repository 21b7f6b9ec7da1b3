using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Cases;

[Collection(MovedClockCollection.Name)]
public sealed class CorrectionTests(ReviewDesk desk) : IClassFixture<ReviewDesk>
{
    private static Task<HttpResponseMessage> PutAsync(HttpClient client, CaseEntryRequest body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/entries/{body.Id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Two_corrections_keep_their_history_field_by_field()
    {
        var logged = await desk.LogAsync();
        var first = logged with { Page = 9, Birth = logged.Birth! with { ChildName = "Nguyễn Thị Hòa" } };

        var byClerk = await PutAsync(desk.Clerk, first, "\"1\"");
        var byOfficer = await PutAsync(desk.Officer, first with { RegistrationDate = new DateOnly(1995, 3, 15) }, "\"2\"");

        Assert.Equal(HttpStatusCode.OK, byClerk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOfficer.StatusCode);
        var details = (await desk.Leader.GetFromJsonAsync<CaseEntryDetails>($"/api/entries/{logged.Id}"))!;
        Assert.Equal(3, details.Version);
        Assert.Equal("Nguyễn Thị Hòa", details.Birth!.ChildName);
        Assert.Equal(new DateOnly(1995, 3, 15), details.RegistrationDate);
        Assert.Equal([2, 3], details.History.Select(h => h.Version));
        Assert.All(details.History, h => Assert.Equal(RevisionKind.Corrected, h.Kind));
        Assert.Equal("rv-o1", details.History[0].ChangedByUserName);
        Assert.Equal("rv-c2", details.History[1].ChangedByUserName);
        Assert.Equal(
            [new FieldChange("page", "4", "9"), new FieldChange("birth.childName", "Nguyễn Thị Hoa", "Nguyễn Thị Hòa")],
            details.History[0].Changes);
        Assert.Equal([new FieldChange("registrationDate", "1995-03-14", "1995-03-15")], details.History[1].Changes);
    }

    [Fact]
    public async Task A_correction_changing_nothing_stores_no_revision()
    {
        var logged = await desk.LogAsync();

        var same = await PutAsync(desk.Clerk, logged);

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        var details = (await same.Content.ReadFromJsonAsync<CaseEntryDetails>())!;
        Assert.Equal(1, details.Version);
        Assert.Empty(details.History);
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_412_and_changes_nothing()
    {
        var logged = await desk.LogAsync();
        await PutAsync(desk.Clerk, logged with { Page = 5 }, "\"1\"");

        var stale = await PutAsync(desk.Officer, logged with { Page = 6 }, "\"1\"");
        var garbled = await PutAsync(desk.Officer, logged with { Page = 6 }, "version one");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Contains("If-Match", (await TeamSetup.ProblemAsync(garbled)).Fields);
        var details = (await desk.Clerk.GetFromJsonAsync<CaseEntryDetails>($"/api/entries/{logged.Id}"))!;
        Assert.Equal((2, 5), (details.Version, details.Page!.Value));
    }

    [Fact]
    public async Task Bad_corrections_name_the_field_and_change_nothing()
    {
        var logged = await desk.LogAsync();
        var taken = await desk.LogAsync();

        var otherId = await desk.Clerk.PutAsJsonAsync($"/api/entries/{logged.Id}", logged with { Id = Guid.NewGuid() });
        var otherBook = await PutAsync(desk.Clerk, logged with { BookCode = ReviewDesk.Books.Short });
        var badName = await PutAsync(desk.Clerk, logged with { Birth = logged.Birth! with { ChildName = "" } });
        var takenNumber = await PutAsync(desk.Clerk, logged with { EntryNumber = taken.EntryNumber });

        Assert.Contains("id", (await TeamSetup.ProblemAsync(otherId)).Fields);
        Assert.Contains("bookCode", (await TeamSetup.ProblemAsync(otherBook)).Fields);
        Assert.Contains("birth.childName", (await TeamSetup.ProblemAsync(badName)).Fields);
        Assert.Equal(HttpStatusCode.Conflict, takenNumber.StatusCode);
        Assert.Contains("entryNumber", (await TeamSetup.ProblemAsync(takenNumber)).Fields);
        var stored = await desk.Factory.WithDbAsync(db => db.CaseEntries.SingleAsync(e => e.Id == logged.Id));
        Assert.Equal((1, logged.EntryNumber), (stored.Version, stored.EntryNumber));
        Assert.Equal(0, await desk.Factory.WithDbAsync(db => db.CaseRevisions.CountAsync(r => r.EntryId == logged.Id)));
    }

    [Fact]
    public async Task A_free_entry_number_may_be_taken_by_a_correction()
    {
        var logged = await desk.LogAsync();
        var free = desk.NextNumber();

        var moved = await PutAsync(desk.Clerk, logged with { EntryNumber = free });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(free, (await moved.Content.ReadFromJsonAsync<CaseEntryDetails>())!.EntryNumber);
    }

    [Fact]
    public async Task Only_the_clerk_holding_the_book_or_an_officer_of_the_team_corrects()
    {
        var logged = await desk.LogAsync();
        var change = logged with { Page = 11 };

        var otherClerk = await PutAsync(desk.ShortClerk, change);
        var farOfficer = await PutAsync(desk.FarOfficer, change);
        var farLeader = await PutAsync(desk.FarLeader, change);
        var admin = await PutAsync(desk.Admin, change);
        var missing = await PutAsync(desk.Officer, change with { Id = Guid.NewGuid() });
        var leader = await PutAsync(desk.Leader, change);

        Assert.Equal(HttpStatusCode.Forbidden, otherClerk.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, farOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, farLeader.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // The leader is the team's first civil-registry officer.
        Assert.Equal(HttpStatusCode.OK, leader.StatusCode);
    }

    [Fact]
    public async Task After_the_claim_ends_the_clerk_no_longer_corrects_but_an_officer_does()
    {
        var stale = await desk.Factory.WithDbAsync(async db =>
        {
            var book = await db.Books.SingleAsync(b => b.Code == ReviewDesk.Books.Stale);
            var claim = await db.Claims.SingleAsync(c => c.BookId == book.Id);
            var entry = new Entry.Server.Features.Cases.CaseEntry
            {
                Id = Guid.NewGuid(), BookId = book.Id, Type = book.Type, EntryNumber = 1, RegistrationDate = new DateOnly(1995, 3, 14), Page = 4,
                NeedsVerification = false, Details = "{\"childName\":\"Lê Văn A\",\"sex\":\"male\",\"dateOfBirth\":\"1995-03-01\",\"placeOfBirth\":\"Xã A\",\"motherName\":\"Lê Thị B\",\"fatherName\":\"Lê Văn C\"}",
                RequestHash = "x", ClerkId = claim.UserId, TeamId = claim.TeamId, ShiftDate = claim.ShiftDate, Shift = claim.Shift,
                StoredAt = DateTimeOffset.UtcNow,
            };
            db.CaseEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry;
        });
        var body = new CaseEntryRequest
        {
            Id = stale.Id, BookCode = ReviewDesk.Books.Stale, EntryNumber = 1, RegistrationDate = stale.RegistrationDate, Page = 5,
            Birth = new BirthCase { ChildName = "Lê Văn A", Sex = Sex.Male, DateOfBirth = new DateOnly(1995, 3, 1), PlaceOfBirth = "Xã A", MotherName = "Lê Thị B", FatherName = "Lê Văn C" },
        };

        var byClerk = await PutAsync(desk.StaleClerk, body);
        var byOfficer = await PutAsync(desk.Officer, body);

        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOfficer.StatusCode);
        Assert.Equal([new FieldChange("page", "4", "5")], (await byOfficer.Content.ReadFromJsonAsync<CaseEntryDetails>())!.History.Single().Changes);
    }

    [Fact]
    public async Task The_case_is_read_by_its_clerk_its_team_leader_and_officers_and_Admins_only()
    {
        var logged = await desk.LogAsync();
        var path = $"/api/entries/{logged.Id}";

        foreach (var allowed in new[] { desk.Clerk, desk.Leader, desk.Officer, desk.Admin })
        {
            Assert.Equal(HttpStatusCode.OK, (await allowed.GetAsync(path)).StatusCode);
        }
        foreach (var refused in new[] { desk.ShortClerk, desk.FarLeader, desk.FarOfficer })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Admin.GetAsync($"/api/entries/{Guid.NewGuid()}")).StatusCode);
        var details = (await desk.Clerk.GetFromJsonAsync<CaseEntryDetails>(path))!;
        Assert.Equal((CaseStatus.Entered, "rv-o1", 1), (details.Status, details.ClerkUserName, details.Version));
        Assert.Equal(logged.Birth, details.Birth);
    }
}
