using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Entry.Shared.Progress;

namespace Entry.Server.Tests.Entries;

[Collection(MovedClockCollection.Name)]
public sealed class ProgressAfterEntryTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    [Fact]
    public async Task A_stored_case_counts_as_entered_and_a_flagged_one_as_flagged_too()
    {
        var admin = await desk.Factory.AdminAsync();
        var before = (await admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;

        var plain = await desk.BirthClerk.PostAsJsonAsync("/api/entries", Cases.Birth(desk.NextNumber()));
        var flagged = await desk.BirthClerk.PostAsJsonAsync("/api/entries", Cases.Birth(desk.NextNumber()) with
        {
            NeedsVerification = true,
            VerificationReason = VerificationReason.Illegible,
        });
        var retried = await desk.BirthClerk.PostAsJsonAsync("/api/entries", Cases.Birth(desk.NextNumber()) with { Id = (await plain.Content.ReadFromJsonAsync<CaseEntryResult>())!.Id });

        Assert.Equal(HttpStatusCode.Created, flagged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);
        var after = (await admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        Assert.Equal(before.Entered + 2, after.Entered);
        Assert.Equal(before.Flagged + 1, after.Flagged);
        Assert.Equal(before.ByType.Single(t => t.Type == BookType.Birth).Entered + 2, after.ByType.Single(t => t.Type == BookType.Birth).Entered);
        Assert.Equal(before.Target, after.Target);
    }
}
