using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.NationalDb.Contracts;

namespace Entry.Server.Tests.National;

/// <summary>The stub behaves like the remote service Entry must cope with: idempotent writes, conflicts, its own validation, faults on demand.</summary>
public sealed class StubTests : IAsyncLifetime
{
    private readonly StubServer stub = new();

    public Task InitializeAsync() => stub.InitializeAsync();
    public Task DisposeAsync() => stub.DisposeAsync();

    internal static CivilRecordRequest Birth(Guid? id = null, string childName = "Nguyễn Thị Hoa", string book = "KS-25216-1995-01", int entry = 12) => new()
    {
        Kind = "birth",
        SourceId = id ?? Guid.NewGuid(),
        BookCode = book,
        EntryNumber = entry,
        RegistrationUnitCode = "25216",
        RegistrationDate = new DateOnly(1995, 3, 14),
        Page = 4,
        EventDate = new DateOnly(1995, 3, 2),
        EventPlace = "Trạm y tế xã Long Giang",
        Persons =
        [
            new PersonRecord { Role = "child", FullName = childName, Sex = "female", DateOfBirth = new DateOnly(1995, 3, 2) },
            new PersonRecord { Role = "mother", FullName = "Trần Thị Lan", Sex = "female" },
        ],
    };

    private Task<HttpResponseMessage> PostAsync(string key, CivilRecordRequest record)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/civil-records") { Content = JsonContent.Create(record) };
        request.Headers.Add("Idempotency-Key", key);
        return stub.Client.SendAsync(request);
    }

    [Fact]
    public async Task The_same_key_and_body_again_gets_the_same_answer_and_stores_nothing_new()
    {
        var record = Birth();
        var first = await PostAsync("k-1", record);
        var again = await PostAsync("k-1", record);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<CivilRecordAccepted>();
        var b = await again.Content.ReadFromJsonAsync<CivilRecordAccepted>();
        Assert.Equal(a, b);
        var held = await stub.Client.GetFromJsonAsync<BookHoldings>($"/api/civil-records?bookCode={record.BookCode}");
        Assert.Equal(1, held!.Count);
        Assert.Equal(a!.RecordId, Assert.Single(held.Records).RecordId);
        Assert.Equal(1, (await stub.StatsAsync()).Created);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict()
    {
        var record = Birth();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("k-2", record)).StatusCode);

        var other = await PostAsync("k-2", record with { Page = 5 });

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(1, (await stub.StatsAsync()).Records);
    }

    [Fact]
    public async Task A_source_already_recorded_under_another_key_is_a_conflict_naming_the_record()
    {
        var record = Birth();
        var first = await (await PostAsync("k-3", record)).Content.ReadFromJsonAsync<CivilRecordAccepted>();

        var second = await PostAsync("k-3-other", record);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains(first!.RecordId, await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Its_own_rules_reject_with_422_and_the_field()
    {
        var singleWord = Birth(childName: "Hoa");
        var single = await PostAsync("k-4", singleWord);
        var noMother = await PostAsync("k-5", Birth() with { Persons = [new PersonRecord { Role = "child", FullName = "Lê Văn An" }] });
        var badId = await PostAsync("k-6", Birth() with
        {
            Persons = [new PersonRecord { Role = "child", FullName = "Lê Văn An", CitizenId = "12345" }, new PersonRecord { Role = "mother", FullName = "Trần Thị Lan" }],
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, single.StatusCode);
        Assert.Contains("persons[0].fullName", await Errors(single));
        Assert.Contains("persons", await Errors(noMother));
        Assert.Contains("persons[0].citizenId", await Errors(badId));
        Assert.Equal(0, (await stub.StatsAsync()).Records);
        // The rejection is the first answer to its key: replayed, not judged again.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync("k-4", singleWord)).StatusCode);
        Assert.Equal(1, (await stub.StatsAsync()).Replayed);
    }

    [Fact]
    public async Task A_write_without_an_idempotency_key_is_refused()
    {
        var response = await stub.Client.PostAsJsonAsync("/api/civil-records", Birth());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_update_raises_the_version()
    {
        var record = Birth();
        var created = await (await PostAsync("k-7", record)).Content.ReadFromJsonAsync<CivilRecordAccepted>();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/civil-records/{created!.RecordId}") { Content = JsonContent.Create(record with { Page = 9 }) };
        request.Headers.Add("Idempotency-Key", "k-7-v2");

        var updated = await stub.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (await updated.Content.ReadFromJsonAsync<CivilRecordAccepted>())!.Version);
    }

    [Fact]
    public async Task During_an_outage_everything_is_503_and_afterwards_it_works()
    {
        (await stub.Client.PostAsJsonAsync("/admin/outage", new OutageRequest(60))).EnsureSuccessStatusCode();

        var down = await PostAsync("k-8", Birth());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.NotNull(down.Headers.RetryAfter);
        (await stub.Client.PostAsJsonAsync("/admin/outage", new OutageRequest(0))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("k-8", Birth())).StatusCode);
    }

    [Fact]
    public async Task Rate_limiting_answers_429_with_retry_after()
    {
        await stub.SetFaultsAsync(new FaultSettings { RateLimitRate = 1, RetryAfterSeconds = 7 });

        var response = await PostAsync("k-9", Birth());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        Assert.Equal(0, (await stub.StatsAsync()).Records);
    }

    [Fact]
    public async Task A_slow_answer_is_stored_even_when_the_client_gave_up_and_a_retry_is_replayed()
    {
        await stub.SetFaultsAsync(new FaultSettings { SlowRate = 1, SlowMilliseconds = 5_000 });
        var record = Birth();
        using var impatient = new HttpClient { BaseAddress = stub.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/civil-records") { Content = JsonContent.Create(record) };
        request.Headers.Add("Idempotency-Key", "k-10");

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.SendAsync(request));
        await stub.SetFaultsAsync(new FaultSettings());
        var retry = await PostAsync("k-10", record);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var stats = await stub.StatsAsync();
        Assert.Equal(1, stats.Records);
        Assert.Equal(1, stats.Replayed);
    }

    [Fact]
    public async Task Fault_settings_out_of_range_are_refused_by_field()
    {
        var response = await stub.Client.PutAsJsonAsync("/admin/faults", new FaultSettings { ErrorRate = 1.5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("errorRate", await Errors(response));
    }

    private static async Task<string> Errors(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return string.Join(",", json.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }
}
