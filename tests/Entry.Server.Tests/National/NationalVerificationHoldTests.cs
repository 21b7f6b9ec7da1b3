using System.Net;
using System.Net.Http.Json;
using Entry.NationalDb.Contracts;
using Entry.Server.Features.National;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Entries;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.National;

/// <summary>
/// The campaign's rule: complete, accurate cases go to the national database first, unclear ones after verification.
/// A flagged case waits in the outbox until a civil-registry officer verifies it, then goes once.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class NationalVerificationHoldTests
{
    [Fact]
    public async Task A_flagged_case_waits_for_its_verification_and_then_arrives_once()
    {
        await using var world = await NationalWorld.CreateAsync();
        var flagged = await world.LogAsync(0, Flagged(world.Birth(0, 1)));
        // Logged after the flagged one: once it has arrived, the dispatcher has had its chance at the flagged one.
        var clear = await world.LogAsync(0, world.Birth(0, 2));
        await ArrivedAsync(world, clear.Id);

        Assert.DoesNotContain((await world.Stub.HoldingsAsync(world.Books[0])).Records, r => r.SourceId == flagged.Id);
        Assert.Empty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(flagged.Id, 1)));
        var status = await world.StatusAsync();
        Assert.Equal((0, 1, 1L), (status.Backlog, status.WaitingForVerification, status.Synced));
        var progress = (await world.Admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        Assert.Equal((2L, 1L, 1L), (progress.Entered, progress.Flagged, progress.Synced));
        var national = (await world.Admin.GetFromJsonAsync<DashboardResponse>("/api/dashboard"))!.National;
        Assert.Equal((0L, 1L), (national.Backlog, national.WaitingForVerification));
        Assert.Equal(NationalSyncState.Pending, (await DetailsAsync(world, flagged.Id)).National);

        // The nightly comparison does not take a case held until verified for a difference.
        var report = await ReconcileAsync(world);
        Assert.Equal(ReconciliationStatus.Completed, report.Status);
        Assert.Empty(report.Differences);

        var verified = await world.Officer.PostAsJsonAsync($"/api/entries/{flagged.Id}/verify", new VerifyRequest());
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        await world.AllSyncedAsync(2);

        var held = (await world.Stub.HoldingsAsync(world.Books[0])).Records;
        Assert.Single(held, r => r.SourceId == flagged.Id);
        Assert.Empty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(flagged.Id, 1)));
        Assert.NotEmpty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(flagged.Id, 2)));
        var stats = await world.Stub.StatsAsync();
        Assert.Equal((2L, 2L, 0L), (stats.Records, stats.Created, stats.Updated));
        var after = await world.StatusAsync();
        Assert.Equal((0, 0, 2L), (after.Backlog, after.WaitingForVerification, after.Synced));
        Assert.Equal(0L, (await world.Admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!.Flagged);
        Assert.Equal(NationalSyncState.Synced, (await DetailsAsync(world, flagged.Id)).National);
    }

    [Fact]
    public async Task A_flagged_case_corrected_while_flagged_then_corrected_in_its_verification_arrives_once_with_the_verified_content()
    {
        await using var world = await NationalWorld.CreateAsync();
        var flagged = await world.LogAsync(0, Flagged(world.Birth(0, 1)));
        // Its clerk corrects it and it stays flagged: still nothing to send.
        var corrected = await world.Clerks[0].PutAsJsonAsync($"/api/entries/{flagged.Id}", flagged with { Page = 7 });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var clear = await world.LogAsync(0, world.Birth(0, 2));
        await ArrivedAsync(world, clear.Id);

        Assert.DoesNotContain((await world.Stub.HoldingsAsync(world.Books[0])).Records, r => r.SourceId == flagged.Id);
        // One message per case: the correction's version replaced the held first one.
        var messages = await MessagesAsync(world, flagged.Id);
        Assert.Equal([(NationalWorld.KeyOf(flagged.Id, 2), NationalMessageState.Held)], messages);
        Assert.Equal(1, (await world.StatusAsync()).WaitingForVerification);

        var correction = flagged with { Page = 9, Birth = flagged.Birth! with { MotherName = "Trần Thị Lân" } };
        var verified = await world.Officer.PostAsJsonAsync($"/api/entries/{flagged.Id}/verify", new VerifyRequest { Correction = correction });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        await world.AllSyncedAsync(2);

        var record = Assert.Single((await world.Stub.HoldingsAsync(world.Books[0])).Records, r => r.SourceId == flagged.Id);
        Assert.Equal(1, record.Version);
        var body = (await world.Stub.Client.GetFromJsonAsync<CivilRecordRequest>($"/api/civil-records/{record.RecordId}"))!;
        Assert.Equal(9, body.Page);
        Assert.Contains(body.Persons!, p => p.Role == "mother" && p.FullName == "Trần Thị Lân");
        Assert.Empty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(flagged.Id, 1)));
        Assert.Empty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(flagged.Id, 2)));
        Assert.NotEmpty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(flagged.Id, 3)));
        var stats = await world.Stub.StatsAsync();
        Assert.Equal((2L, 2L, 0L), (stats.Records, stats.Created, stats.Updated));
        Assert.Equal(0, (await world.StatusAsync()).WaitingForVerification);
    }

    [Fact]
    public async Task A_synced_case_corrected_and_flagged_keeps_its_national_version_until_verified_then_updates_once()
    {
        await using var world = await NationalWorld.CreateAsync();
        var request = await world.LogAsync(0, world.Birth(0, 1));
        await world.AllSyncedAsync(1);

        var flaggedCorrection = Flagged(request with { Page = 5 });
        Assert.Equal(HttpStatusCode.OK, (await world.Clerks[0].PutAsJsonAsync($"/api/entries/{request.Id}", flaggedCorrection)).StatusCode);
        var clear = await world.LogAsync(0, world.Birth(0, 2));
        await ArrivedAsync(world, clear.Id);

        Assert.Equal(1, Assert.Single((await world.Stub.HoldingsAsync(world.Books[0])).Records, r => r.SourceId == request.Id).Version);
        Assert.Empty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(request.Id, 2)));
        Assert.Equal(1, (await world.StatusAsync()).WaitingForVerification);

        Assert.Equal(HttpStatusCode.OK, (await world.Officer.PostAsJsonAsync($"/api/entries/{request.Id}/verify", new VerifyRequest())).StatusCode);
        await Local.EventuallyAsync(async () => (await world.Stub.HoldingsAsync(world.Books[0])).Records.Single(r => r.SourceId == request.Id).Version == 2,
            "the record at version 2");
        await world.AllSyncedAsync(2);

        var stats = await world.Stub.StatsAsync();
        Assert.Equal((2L, 1L), (stats.Created, stats.Updated));
        Assert.NotEmpty(await world.Stub.AttemptsAsync(NationalWorld.KeyOf(request.Id, 3)));
        Assert.Equal(0, (await world.StatusAsync()).WaitingForVerification);
    }

    private static CaseEntryRequest Flagged(CaseEntryRequest request) =>
        request with { NeedsVerification = true, VerificationReason = VerificationReason.Illegible };

    private static Task ArrivedAsync(NationalWorld world, Guid caseId) => Local.EventuallyAsync(
        async () => (await world.Stub.HoldingsAsync(world.Books[0])).Records.Any(r => r.SourceId == caseId), "the clear case at the national side");

    private static Task<List<(string, NationalMessageState)>> MessagesAsync(NationalWorld world, Guid caseId) => world.Factory.WithDbAsync(async db =>
        (await db.NationalOutbox.AsNoTracking().Where(m => m.CaseId == caseId).OrderBy(m => m.Id)
            .Select(m => new { m.IdempotencyKey, m.State }).ToListAsync())
        .Select(m => (m.IdempotencyKey, m.State)).ToList());

    private static async Task<ReconciliationReport> ReconcileAsync(NationalWorld world)
    {
        var started = await world.Admin.PostAsync("/api/national/reconciliation", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<ReconciliationStarted>())!.RunId;
        ReconciliationReport? report = null;
        await Local.EventuallyAsync(async () =>
        {
            report = await world.Admin.GetFromJsonAsync<ReconciliationReport>($"/api/national/reconciliation?runId={runId}");
            return report!.Status != ReconciliationStatus.Running;
        }, "the reconciliation finished");
        return report!;
    }

    private static async Task<CaseEntryDetails> DetailsAsync(NationalWorld world, Guid id) =>
        (await world.Officer.GetFromJsonAsync<CaseEntryDetails>($"/api/entries/{id}"))!;
}
