using System.Net;
using System.Net.Http.Json;
using Entry.Server.Data;
using Entry.Server.Features.National;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Cases;

/// <summary>At start-up a logged case without a national message (stored before the outbox existed) gets one, through the ledger.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class OutboxBackfillTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    [Fact]
    public async Task A_logged_case_that_lost_its_national_message_gets_one_again_at_start_up()
    {
        var request = SampleCases.Birth(desk.NextNumber());
        var logged = await desk.BirthClerk.PostAsJsonAsync("/api/entries", request);
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        // As if stored before the outbox existed: no message, still pending.
        await desk.Factory.WithDbAsync(async db =>
        {
            await db.Set<NationalMessage>().Where(m => m.CaseId == request.Id).ExecuteDeleteAsync();
            return await db.CaseEntries.Where(e => e.Id == request.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.NationalState, NationalSyncState.Pending));
        });

        await using (var scope = desk.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync(loadDemoInventory: false, CancellationToken.None);
        }

        var messages = await desk.Factory.WithDbAsync(db => db.Set<NationalMessage>().Where(m => m.CaseId == request.Id).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal($"{request.Id:N}-v1", message.IdempotencyKey);
    }
}
