using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Entries;

namespace Entry.Server.Tests.National;

/// <summary>A rejection reaches the team's correction queue; a correction is sent again under its own version's key.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class NationalCorrectionTests
{
    [Fact]
    public async Task A_rejected_case_waits_in_the_correction_queue_and_a_correction_syncs_it()
    {
        await using var world = await NationalWorld.CreateAsync();
        var valid = world.Birth(0, 1);
        // Entry takes a one-word name; the national side wants a family and a given name.
        var request = await world.LogAsync(0, valid with { Birth = valid.Birth! with { ChildName = "Hoa" } });

        await Local.EventuallyAsync(async () => (await world.StatusAsync()).Rejected == 1, "the case rejected");
        var status = await world.StatusAsync();
        Assert.Equal(0, status.Backlog);
        Assert.Equal(0, status.Synced);
        var queue = (await world.Officer.GetFromJsonAsync<List<NationalRejection>>($"/api/teams/{world.TeamId}/national-rejections"))!;
        var rejection = Assert.Single(queue);
        Assert.Equal(request.Id, rejection.EntryId);
        Assert.Equal(1, rejection.Version);
        Assert.Contains("persons[0].fullName", rejection.Errors.Keys);
        Assert.Equal(NationalSyncState.Rejected, (await DetailsAsync(world, request.Id)).National);

        var corrected = await world.Officer.PutAsJsonAsync($"/api/entries/{request.Id}", valid with { Id = request.Id });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(0, (await world.StatusAsync()).Rejected);
        await world.AllSyncedAsync(1);

        Assert.Empty((await world.Officer.GetFromJsonAsync<List<NationalRejection>>($"/api/teams/{world.TeamId}/national-rejections"))!);
        var details = await DetailsAsync(world, request.Id);
        Assert.Equal(NationalSyncState.Synced, details.National);
        Assert.NotNull(details.NationalRecordId);
        Assert.Equal(0, (await world.StatusAsync()).Rejected);
        Assert.Single(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(request.Id, 1)));
        Assert.NotEmpty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(request.Id, 2)));
        var stats = await world.Stub.StatsAsync();
        Assert.Equal(1, stats.Rejected);
        Assert.Equal(1, stats.Created);
        var held = Assert.Single((await world.Stub.HoldingsAsync(world.Books[0])).Records);
        Assert.Equal(details.NationalRecordId, held.RecordId);
        // The rejection's reasons are logged and stored by field, never with the names they are about.
        Assert.DoesNotContain(world.Factory.Logs, line => line.Contains(valid.Birth!.ChildName!) || line.Contains(valid.Birth!.MotherName!));
    }

    [Fact]
    public async Task A_correction_of_a_synced_case_is_sent_as_an_update_of_its_record()
    {
        await using var world = await NationalWorld.CreateAsync();
        var request = await world.LogAsync(0, world.Birth(0, 1));
        await world.AllSyncedAsync(1);
        var recordId = (await DetailsAsync(world, request.Id)).NationalRecordId;
        Assert.NotNull(recordId);

        var corrected = await world.Officer.PutAsJsonAsync($"/api/entries/{request.Id}", request with { Page = 5 });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        await Local.EventuallyAsync(async () => (await world.Stub.HoldingsAsync(world.Books[0])).Records.Single().Version == 2, "the record at version 2");
        await world.AllSyncedAsync(1);

        var held = Assert.Single((await world.Stub.HoldingsAsync(world.Books[0])).Records);
        Assert.Equal(recordId, held.RecordId);
        var stats = await world.Stub.StatsAsync();
        Assert.Equal(1, stats.Created);
        Assert.Equal(1, stats.Updated);
        var details = await DetailsAsync(world, request.Id);
        Assert.Equal(NationalSyncState.Synced, details.National);
        Assert.Equal(recordId, details.NationalRecordId);
        Assert.NotEmpty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(request.Id, 2)));
    }

    private static async Task<CaseEntryDetails> DetailsAsync(NationalWorld world, Guid id) =>
        (await world.Officer.GetFromJsonAsync<CaseEntryDetails>($"/api/entries/{id}"))!;
}
