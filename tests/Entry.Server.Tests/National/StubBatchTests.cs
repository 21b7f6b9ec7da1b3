using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.NationalDb.Contracts;
using Entry.Server.Tests.Shifts;

namespace Entry.Server.Tests.National;

/// <summary>
/// The stub's batch endpoint over real HTTP: each write of a batch answered on its own, exactly as the single-record
/// endpoints answer it, each stored once; the faults apply to a batch as to a single write.
/// </summary>
public sealed class StubBatchTests : IAsyncLifetime
{
    private readonly StubServer stub = new();

    public Task InitializeAsync() => stub.InitializeAsync();
    public Task DisposeAsync() => stub.DisposeAsync();

    private static CivilRecordRequest Birth(string book = "KS-B-1", int entry = 1, Guid? id = null) => StubTests.Birth(id, book: book, entry: entry);

    private static CivilRecordBatchItem Item(string key, CivilRecordRequest record, string? recordId = null) =>
        new() { IdempotencyKey = key, Record = record, RecordId = recordId };

    private async Task<CivilRecordBatchResponse> BatchAsync(params CivilRecordBatchItem[] items)
    {
        var response = await stub.Client.PostAsJsonAsync("/api/civil-records/batch", new CivilRecordBatchRequest { Records = items });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CivilRecordBatchResponse>())!;
    }

    private Task<HttpResponseMessage> PostOneAsync(string key, CivilRecordRequest record)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/civil-records") { Content = JsonContent.Create(record) };
        request.Headers.Add("Idempotency-Key", key);
        return stub.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_batch_mixing_new_replayed_conflicting_and_invalid_records_answers_each_on_its_own_and_stores_each_once()
    {
        // Before the batch: one record through the single endpoint, to be replayed, conflicted with and updated.
        var earlier = Birth(entry: 1);
        var first = (await (await PostOneAsync("b-earlier", earlier)).Content.ReadFromJsonAsync<CivilRecordAccepted>())!;
        var fresh = Birth(entry: 2);
        var twin = Birth(entry: 3);

        var answers = (await BatchAsync(
            Item("b-new", fresh),                                            // 0: created
            Item("b-earlier", earlier),                                      // 1: replayed, same answer
            Item("b-other-key", earlier),                                    // 2: source recorded under another key
            Item("b-earlier", earlier with { Page = 9 }),                    // 3: key reused with another body
            Item("b-invalid", Birth(entry: 4) with { Persons = [new PersonRecord { Role = "child", FullName = "Hoa" }] }), // 4: 422
            Item("b-update", earlier with { Page = 7 }, first.RecordId),     // 5: updated, version 2
            Item("b-unknown", Birth(entry: 5), "HT0000000000000000"),        // 6: no such record
            Item("b-twin-1", twin),                                          // 7: created
            Item("b-twin-2", twin),                                          // 8: same source in the same batch, another key
            Item("b-new", fresh),                                            // 9: the same key again in the same batch: replayed
            new CivilRecordBatchItem { Record = Birth(entry: 6) })).Results; // 10: no key, not stored

        Assert.Equal(11, answers.Count);
        Assert.Equal([201, 201, 409, 409, 422, 200, 404, 201, 409, 201, 400], answers.Select(a => a.Status));
        Assert.Equal(["b-new", "b-earlier", "b-other-key", "b-earlier", "b-invalid", "b-update", "b-unknown", "b-twin-1", "b-twin-2", "b-new", null],
            answers.Select(a => a.IdempotencyKey));
        Assert.Equal(first, answers[1].Accepted);
        Assert.Equal(first.RecordId, answers[2].Problem!.RecordId);
        Assert.Equal("Idempotency key reused", answers[3].Problem!.Title);
        Assert.Null(answers[3].Problem!.RecordId);
        Assert.Contains("persons[0].fullName", answers[4].Problem!.Errors!.Keys);
        Assert.Contains("persons", answers[4].Problem!.Errors!.Keys);
        Assert.Equal(first.RecordId, answers[5].Accepted!.RecordId);
        Assert.Equal(2, answers[5].Accepted!.Version);
        Assert.Equal("No such record", answers[6].Problem!.Title);
        Assert.Equal(answers[7].Accepted!.RecordId, answers[8].Problem!.RecordId);
        Assert.Equal(answers[0].Accepted, answers[9].Accepted);
        Assert.Contains("records[10].idempotencyKey", answers[10].Problem!.Errors!.Keys);
        Assert.All(answers.Where(a => a.Status < 400), a => Assert.Null(a.Problem));

        var held = await stub.HoldingsAsync("KS-B-1");
        Assert.Equal([1, 2, 3], held.Records.Select(r => r.EntryNumber));
        Assert.Equal(3, held.Records.Select(r => r.SourceId).Distinct().Count());
        var stats = await stub.StatsAsync();
        Assert.Equal(3, stats.Records);
        Assert.Equal(3, stats.Created);
        Assert.Equal(1, stats.Updated);
        Assert.Equal(2, stats.Replayed);
        Assert.Equal(3, stats.Conflicts);
        Assert.Equal(1, stats.Rejected);
        Assert.Equal(1, stats.BatchRequests);
    }

    [Fact]
    public async Task The_same_batch_again_replays_every_answer_and_the_single_endpoint_replays_a_batch_answer()
    {
        var record = Birth(entry: 1);
        var invalid = Birth(entry: 2) with { Persons = [] };
        CivilRecordBatchItem[] items =
        [
            Item("r-1", record),
            Item("r-2", invalid),
            Item("r-3", record),
        ];
        var once = (await BatchAsync(items)).Results;
        var again = (await BatchAsync(items)).Results;

        Assert.Equal([201, 422, 409], once.Select(a => a.Status));
        Assert.Equal(once.Select(a => (a.Status, a.Accepted, a.Problem?.RecordId, a.Problem?.Title)),
            again.Select(a => (a.Status, a.Accepted, a.Problem?.RecordId, a.Problem?.Title)));
        var single = await PostOneAsync("r-1", record);
        Assert.Equal(HttpStatusCode.Created, single.StatusCode);
        Assert.Equal(once[0].Accepted, await single.Content.ReadFromJsonAsync<CivilRecordAccepted>());
        var rejected = await PostOneAsync("r-2", invalid);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        using var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
        Assert.Equal(once[1].Problem!.Errors!.Keys.Order(), problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());

        var stats = await stub.StatsAsync();
        Assert.Equal(1, stats.Records);
        Assert.Equal(1, stats.Created);
        Assert.Equal(5, stats.Replayed);
    }

    [Fact]
    public async Task A_batch_during_an_outage_is_refused_as_a_whole_each_key_counted_as_an_attempt_and_nothing_stored()
    {
        await stub.OutageAsync(60);

        var response = await stub.Client.PostAsJsonAsync("/api/civil-records/batch",
            new CivilRecordBatchRequest { Records = [Item("o-1", Birth(entry: 1)), Item("o-2", Birth(entry: 2))] });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Single(await stub.AttemptsAsync("o-1"));
        Assert.Single(await stub.AttemptsAsync("o-2"));
        var stats = await stub.StatsAsync();
        Assert.Equal(0, stats.Records);
        Assert.Equal(0, stats.BatchRequests);
        await stub.OutageAsync(0);
        Assert.Equal([201, 201], (await BatchAsync(Item("o-1", Birth(entry: 1)), Item("o-2", Birth(entry: 2)))).Results.Select(a => a.Status));
    }

    [Fact]
    public async Task A_batch_answered_after_its_client_gave_up_is_stored_and_sent_again_it_is_replayed()
    {
        await stub.SetFaultsAsync(new FaultSettings { SlowRate = 1, SlowMilliseconds = 5_000 });
        CivilRecordBatchItem[] items = [Item("s-1", Birth(entry: 1)), Item("s-2", Birth(entry: 2))];
        using var impatient = new HttpClient { BaseAddress = stub.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.PostAsJsonAsync("/api/civil-records/batch", new CivilRecordBatchRequest { Records = items }));
        await Local.EventuallyAsync(async () => (await stub.StatsAsync()).Records == 2, "the batch stored");
        await stub.ClearFaultsAsync();
        var retry = (await BatchAsync(items)).Results;

        Assert.Equal([201, 201], retry.Select(a => a.Status));
        var stats = await stub.StatsAsync();
        Assert.Equal(2, stats.Records);
        Assert.Equal(2, stats.Created);
        Assert.Equal(2, stats.Replayed);
        Assert.Equal(2, (await stub.AttemptsAsync("s-1")).Count);
    }

    [Fact]
    public async Task A_batch_of_no_records_or_too_many_is_refused_naming_the_field()
    {
        var empty = await stub.Client.PostAsJsonAsync("/api/civil-records/batch", new CivilRecordBatchRequest { Records = [] });
        var tooMany = await stub.Client.PostAsJsonAsync("/api/civil-records/batch", new CivilRecordBatchRequest
        {
            Records = Enumerable.Range(1, CivilRecordBatchRequest.MaxRecords + 1).Select(i => Item($"m-{i}", Birth(entry: i))).ToList(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("records", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(0, (await stub.StatsAsync()).Records);
    }

    [Fact]
    public async Task The_stub_publishes_its_openapi_document_with_the_batch_endpoint()
    {
        using var document = JsonDocument.Parse(await stub.Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/civil-records/batch", out var batch));
        Assert.True(batch.GetProperty("post").GetProperty("responses").TryGetProperty("200", out _));
        Assert.Contains(paths.EnumerateObject(), p => p.Name.TrimEnd('/') == "/api/civil-records");
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/admin", StringComparison.Ordinal));
    }
}
