using System.Net;
using System.Net.Http.Json;
using System.Text;
using Entry.NationalDb.Contracts;
using Entry.Server.Features.Claims;
using Entry.Server.Features.National;
using Entry.Server.Features.Shifts;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Entry.Server.Tests.National;

/// <summary>
/// The reconciliation over real HTTP: Entry (with a moved clock, so a shift is open) compares its books with the stub
/// on 127.0.0.1. Where a test needs to decide what was delivered, the dispatcher is off and Entry's database or the
/// stub is changed directly.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class ReconciliationTests
{
    [Fact]
    public async Task Entry_and_the_national_side_in_agreement_show_no_difference()
    {
        await using var world = await ReconciliationWorld.CreateAsync(dispatch: true);
        var logged = new List<CaseEntryRequest>();
        for (var number = 1; number <= 3; number++)
        {
            logged.Add(await world.LogAsync(world.ClerkA, number, ReconciliationWorld.BookA));
        }
        for (var number = 1; number <= 2; number++)
        {
            logged.Add(await world.LogAsync(world.ClerkB, number, ReconciliationWorld.BookB));
        }
        // A correction of a delivered case is sent as an update: the national record reaches version 2.
        await world.WaitUntilDeliveredAsync(5);
        var corrected = await world.ClerkA.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/entries/{logged[0].Id}")
        {
            Content = JsonContent.Create(logged[0] with { Page = 9 }),
            Headers = { { "If-Match", "\"1\"" } },
        });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        await world.WaitUntilDeliveredAsync(6);

        var report = await world.ReconcileAsync();

        Assert.Equal(ReconciliationStatus.Completed, report.Status);
        Assert.Empty(report.Differences);
        Assert.Equal(0, report.DifferenceCount);
        Assert.Equal(2, report.BooksChecked);
        Assert.Equal(5, report.EntryDelivered);
        Assert.Equal(5, report.NationalRecords);
        Assert.Equal("manual", report.Trigger);
        Assert.Equal("root", report.RequestedBy);
        Assert.NotNull(report.FinishedAt);
        var book = await world.Stub.Client.GetFromJsonAsync<BookHoldings>($"/api/civil-records?bookCode={ReconciliationWorld.BookA}");
        Assert.Equal(2, book!.Records.Single(r => r.SourceId == logged[0].Id).Version);
    }

    [Fact]
    public async Task A_record_created_on_the_national_side_directly_is_reported_with_the_books_count()
    {
        await using var world = await ReconciliationWorld.CreateAsync(dispatch: true);
        await world.LogAsync(world.ClerkA, 1, ReconciliationWorld.BookA);
        await world.LogAsync(world.ClerkA, 2, ReconciliationWorld.BookA);
        await world.WaitUntilDeliveredAsync(2);
        var stranger = StubTests.Birth(book: ReconciliationWorld.BookA, entry: 40);
        var created = await world.PostToStubAsync("outside-1", stranger);

        var report = await world.ReconcileAsync();

        Assert.Equal(ReconciliationStatus.Completed, report.Status);
        Assert.Equal(2, report.DifferenceCount);
        var unknown = Assert.Single(report.Differences, d => d.Kind == ReconciliationDifferenceKind.UnknownToEntry);
        Assert.Equal((ReconciliationWorld.BookA, 40, stranger.SourceId, created.RecordId), (unknown.BookCode, unknown.EntryNumber, unknown.SourceId, unknown.RecordId));
        var count = Assert.Single(report.Differences, d => d.Kind == ReconciliationDifferenceKind.CountMismatch);
        Assert.Equal(ReconciliationWorld.BookA, count.BookCode);
        Assert.Contains("2 cases", count.Detail);
        Assert.Contains("3 records", count.Detail);
        Assert.Equal(3, report.NationalRecords);
    }

    [Fact]
    public async Task Each_way_entry_and_the_national_side_disagree_on_a_case_is_reported()
    {
        await using var world = await ReconciliationWorld.CreateAsync(dispatch: false);
        var cases = new List<CaseEntryRequest>();
        for (var number = 1; number <= 5; number++)
        {
            cases.Add(await world.LogAsync(world.ClerkA, number, ReconciliationWorld.BookA));
        }
        // 1: Entry holds it as synced under a record id the national side never issued.
        await world.MarkDeliveredAsync(cases[0].Id, "HTINVENTED0000001");
        // 2: delivered, but the answer was lost: Entry still pending.
        await world.SendStraightToStubAsync(cases[1].Id);
        // 3: delivered, but Entry holds another record id.
        await world.SendStraightToStubAsync(cases[2].Id);
        await world.MarkDeliveredAsync(cases[2].Id, "HTSOMEOTHERRECORD");
        // 4: Entry delivered two versions; the national side holds the first only.
        var fourth = await world.SendStraightToStubAsync(cases[3].Id);
        await world.MarkDeliveredAsync(cases[3].Id, fourth.RecordId, deliveredVersions: 2);
        // 5: in agreement.
        var fifth = await world.SendStraightToStubAsync(cases[4].Id);
        await world.MarkDeliveredAsync(cases[4].Id, fifth.RecordId);

        var report = await world.ReconcileAsync();

        Assert.Equal(ReconciliationStatus.Completed, report.Status);
        Assert.Equal(
            [
                (1, ReconciliationDifferenceKind.MissingNationally),
                (2, ReconciliationDifferenceKind.NotSyncedInEntry),
                (3, ReconciliationDifferenceKind.RecordIdMismatch),
                (4, ReconciliationDifferenceKind.VersionBehind),
            ],
            report.Differences.Select(d => (d.EntryNumber ?? 0, d.Kind)).ToList());
        Assert.All(report.Differences, d => Assert.Equal(ReconciliationWorld.BookA, d.BookCode));
        Assert.Equal(cases[0].Id, report.Differences[0].SourceId);
        Assert.Equal("HTINVENTED0000001", report.Differences[0].RecordId);
        // Four delivered in Entry's eyes (1, 3, 4, 5), four held nationally (2, 3, 4, 5): the counts agree.
        Assert.Equal(4, report.EntryDelivered);
        Assert.Equal(4, report.NationalRecords);
        // Ids and states only: no name reaches the report or the log.
        var body = await (await world.Admin.GetAsync($"/api/national/reconciliation?runId={report.RunId}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Nguyễn", body);
        Assert.DoesNotContain(world.Factory.Logs, line => line.Contains("Nguyễn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_national_side_down_fails_the_run_with_the_reason_and_stores_no_difference()
    {
        await using var world = await ReconciliationWorld.CreateAsync(dispatch: false);
        var logged = await world.LogAsync(world.ClerkA, 1, ReconciliationWorld.BookA);
        // A difference a completed run would report.
        await world.MarkDeliveredAsync(logged.Id, "HTINVENTED0000002");
        (await world.Stub.Client.PostAsJsonAsync("/admin/outage", new OutageRequest(120))).EnsureSuccessStatusCode();

        var failed = await world.ReconcileAsync();

        Assert.Equal(ReconciliationStatus.Failed, failed.Status);
        Assert.Contains(ReconciliationWorld.BookA, failed.FailureReason);
        Assert.Contains("503", failed.FailureReason);
        Assert.Empty(failed.Differences);
        Assert.Equal(0, failed.DifferenceCount);
        Assert.Equal(0, await world.Factory.WithDbAsync(db => db.ReconciliationDifferences.CountAsync(d => d.RunId == failed.RunId)));

        (await world.Stub.Client.PostAsJsonAsync("/admin/outage", new OutageRequest(0))).EnsureSuccessStatusCode();
        var recovered = await world.ReconcileAsync();

        Assert.Equal(ReconciliationStatus.Completed, recovered.Status);
        Assert.Equal(ReconciliationDifferenceKind.MissingNationally, recovered.Differences[0].Kind);
        // The failed run stays readable as it was.
        var again = await world.Admin.GetFromJsonAsync<ReconciliationReport>($"/api/national/reconciliation?runId={failed.RunId}");
        Assert.Equal(ReconciliationStatus.Failed, again!.Status);
    }

    [Fact]
    public async Task A_second_trigger_while_a_run_is_going_is_refused_with_409()
    {
        await using var world = await ReconciliationWorld.CreateAsync(dispatch: false);
        await world.LogAsync(world.ClerkA, 1, ReconciliationWorld.BookA);
        await world.Stub.SetFaultsAsync(new FaultSettings { LatencyMilliseconds = 2_000 });

        var first = await world.Admin.PostAsync("/api/national/reconciliation", null);
        var second = await world.Admin.PostAsync("/api/national/reconciliation", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var started = (await first.Content.ReadFromJsonAsync<ReconciliationStarted>())!;
        Assert.Equal($"/api/national/reconciliation?runId={started.RunId}", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var (_, _, problem) = await TeamSetup.ProblemAsync(second);
        Assert.Equal(started.RunId, problem.GetProperty("runId").GetInt64());
        await world.Stub.SetFaultsAsync(new FaultSettings());
        var done = await world.WaitForAsync(started.RunId);
        Assert.Equal(ReconciliationStatus.Completed, done.Status);
        Assert.Equal(1, await world.Factory.WithDbAsync(db => db.ReconciliationRuns.CountAsync()));
    }

    [Fact]
    public async Task Admins_trigger_monitors_read_and_other_roles_are_refused()
    {
        await using var world = await ReconciliationWorld.CreateAsync(dispatch: false);
        var monitor = await world.Factory.ClientAsAsync(Roles.Monitor);
        var leader = await world.Factory.ClientAsAsync(Roles.TeamLeader);

        Assert.Equal(HttpStatusCode.NoContent, (await monitor.GetAsync("/api/national/reconciliation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await monitor.PostAsync("/api/national/reconciliation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/national/reconciliation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/national/reconciliation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.ClerkA.GetAsync("/api/national/reconciliation")).StatusCode);

        var run = await world.ReconcileAsync();
        var latest = await monitor.GetFromJsonAsync<ReconciliationReport>("/api/national/reconciliation");

        Assert.Equal(run.RunId, latest!.RunId);
        Assert.Equal(0, latest.BooksChecked);
        Assert.Equal(ReconciliationStatus.Completed, latest.Status);
    }

    [Fact]
    public async Task A_run_cut_off_by_a_stopped_server_is_closed_as_interrupted_when_the_next_starts()
    {
        await using var world = await ReconciliationWorld.CreateAsync(dispatch: false);
        var stale = await world.Factory.WithDbAsync(async db =>
        {
            var run = new ReconciliationRun { Trigger = ReconciliationRun.Nightly, StartedAt = DateTimeOffset.UtcNow.AddHours(-3), Status = ReconciliationStatus.Running };
            db.ReconciliationRuns.Add(run);
            await db.SaveChangesAsync();
            return run.Id;
        });

        var next = await world.ReconcileAsync();

        Assert.Equal(ReconciliationStatus.Completed, next.Status);
        var closed = await world.Admin.GetFromJsonAsync<ReconciliationReport>($"/api/national/reconciliation?runId={stale}");
        Assert.Equal(ReconciliationStatus.Failed, closed!.Status);
        Assert.Contains("Interrupted", closed.FailureReason);
    }

    [Fact]
    public async Task A_malformed_run_id_is_a_problem_naming_it_and_an_unknown_one_is_404()
    {
        await using var world = await ReconciliationWorld.CreateAsync(dispatch: false);

        foreach (var runId in new[] { "abc", "-1", "0", "1.5" })
        {
            var response = await world.Admin.GetAsync($"/api/national/reconciliation?runId={runId}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("runId", (await TeamSetup.ProblemAsync(response)).Fields);
        }
        var unknown = await world.Admin.GetAsync("/api/national/reconciliation?runId=424242");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

/// <summary>The nightly schedule, on a server without a moved clock.</summary>
public sealed class ReconciliationScheduleTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Fact]
    public async Task The_reconciliation_runs_every_night_at_23_30_local_time()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/health/ready");
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = await scheduler.GetTrigger(new TriggerKey("nightly-reconciliation", "national"));

        Assert.NotNull(trigger);
        Assert.Equal(ReconciliationJob.Key, trigger.JobKey);
        var next = ShiftCalendar.ToLocal(trigger.GetNextFireTimeUtc()!.Value);
        Assert.Equal(new TimeOnly(23, 30), TimeOnly.FromDateTime(next.DateTime));
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(24));
    }
}

/// <summary>The comparison of one book, case by case, without a server.</summary>
public sealed class BookComparisonTests
{
    private static readonly DateTimeOffset AskedAt = new(2026, 11, 23, 16, 30, 0, TimeSpan.Zero);
    private static readonly Dictionary<Guid, string> Nowhere = [];

    private static BookHoldings Holding(params HeldRecord[] records) => new("B-1", records.Length, records);

    [Fact]
    public void A_case_whose_newer_version_is_on_its_way_agrees_with_the_national_record()
    {
        var id = Guid.NewGuid();
        var entry = new EntryHolding(id, 1, NationalSyncState.Pending, "HT1", AskedAt.AddMinutes(-5), Delivered: 1);

        var result = BookComparison.Compare("B-1", [entry], Holding(new HeldRecord("HT1", id, 1, 1)), AskedAt, Nowhere);

        Assert.Empty(result.Differences);
        Assert.Equal(1, result.EntryDelivered);
    }

    [Fact]
    public void A_case_answered_after_the_national_side_was_asked_is_not_judged_and_neither_is_the_count()
    {
        var id = Guid.NewGuid();
        var entry = new EntryHolding(id, 1, NationalSyncState.Synced, "HT1", AskedAt.AddSeconds(1), Delivered: 1);

        var result = BookComparison.Compare("B-1", [entry], Holding(), AskedAt, Nowhere);

        Assert.Empty(result.Differences);
    }

    [Fact]
    public void A_national_record_newer_than_what_entry_sent_was_changed_outside_entry()
    {
        var id = Guid.NewGuid();
        var entry = new EntryHolding(id, 3, NationalSyncState.Synced, "HT1", AskedAt.AddMinutes(-1), Delivered: 1);

        var result = BookComparison.Compare("B-1", [entry], Holding(new HeldRecord("HT1", id, 3, 2)), AskedAt, Nowhere);

        var difference = Assert.Single(result.Differences);
        Assert.Equal(ReconciliationDifferenceKind.VersionAhead, difference.Kind);
        Assert.Equal(3, difference.EntryNumber);
    }

    [Fact]
    public void A_rejected_correction_of_a_delivered_case_leaves_the_national_side_on_the_earlier_version()
    {
        var id = Guid.NewGuid();
        var entry = new EntryHolding(id, 2, NationalSyncState.Rejected, "HT1", AskedAt.AddMinutes(-1), Delivered: 1);

        var result = BookComparison.Compare("B-1", [entry], Holding(new HeldRecord("HT1", id, 2, 1)), AskedAt, Nowhere);

        Assert.Equal(ReconciliationDifferenceKind.NotSyncedInEntry, Assert.Single(result.Differences).Kind);
    }

    [Fact]
    public void A_national_record_of_a_case_entry_holds_in_another_book_says_which()
    {
        var id = Guid.NewGuid();

        var result = BookComparison.Compare("B-1", [], Holding(new HeldRecord("HT9", id, 7, 1)), AskedAt,
            new Dictionary<Guid, string> { [id] = "B-2" });

        Assert.Equal(
            [ReconciliationDifferenceKind.UnknownToEntry, ReconciliationDifferenceKind.CountMismatch],
            result.Differences.Select(d => d.Kind));
        Assert.Contains("B-2", result.Differences[0].Detail);
    }
}

/// <summary>
/// A stub on a free port and an Entry pointed at it, whose clock is moved (flowing) to 09:00 local tomorrow — shift 1
/// open — with a team whose two clerks hold <see cref="BookA"/> and <see cref="BookB"/>.
/// </summary>
internal sealed class ReconciliationWorld : IAsyncDisposable
{
    public const string BookA = "KS-70-N-01";
    public const string BookB = "KS-70-N-02";

    private ReconciliationWorld(StubServer stub, WorldFactory factory)
    {
        Stub = stub;
        Factory = factory;
    }

    public StubServer Stub { get; }
    public EntryFactory Factory { get; }
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient ClerkA { get; private set; } = null!;
    public HttpClient ClerkB { get; private set; } = null!;

    public static async Task<ReconciliationWorld> CreateAsync(bool dispatch)
    {
        var stub = new StubServer();
        await stub.InitializeAsync();
        var day = ShiftCalendar.LocalDate(DateTimeOffset.UtcNow).AddDays(1);
        var offset = Local.At(day, 9, 0) - DateTimeOffset.UtcNow;
        var world = new ReconciliationWorld(stub, new WorldFactory(stub.BaseAddress, dispatch, offset));
        world.Admin = await world.Factory.AdminAsync();
        (await world.Admin.PostAsync("/api/books/import", Csv.Body(
            $"{BookA},{TeamSetup.Unit},birth,1,1990-01-01,2018-12-31,100,good",
            $"{BookB},{TeamSetup.Unit},birth,2,1990-01-01,2018-12-31,100,good"))).EnsureSuccessStatusCode();
        var team = await TeamSetup.CreateAsync(world.Factory, "rc");
        await world.ClaimAsync(team.Id, BookA, team.Other1, day);
        await world.ClaimAsync(team.Id, BookB, team.Other2, day);
        world.ClerkA = await world.Factory.SignedInClientAsync(team.Other1, EntryFactory.Password);
        world.ClerkB = await world.Factory.SignedInClientAsync(team.Other2, EntryFactory.Password);
        return world;
    }

    public async Task<CaseEntryRequest> LogAsync(HttpClient clerk, int number, string book)
    {
        var request = SampleCases.Birth(number, book);
        var stored = await clerk.PostAsJsonAsync("/api/entries", request);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        return request;
    }

    /// <summary>Waits until the national side accepted this many messages and none waits.</summary>
    public Task WaitUntilDeliveredAsync(int messages) => Local.EventuallyAsync(() => Factory.WithDbAsync(async db =>
            await db.NationalOutbox.CountAsync(m => m.State == NationalMessageState.Delivered) == messages
            && !await db.NationalOutbox.AnyAsync(m => m.State == NationalMessageState.Pending)),
        $"{messages} messages delivered");

    /// <summary>Triggers a run as the Admin and waits for its end.</summary>
    public async Task<ReconciliationReport> ReconcileAsync()
    {
        var response = await Admin.PostAsync("/api/national/reconciliation", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = (await response.Content.ReadFromJsonAsync<ReconciliationStarted>())!;
        return await WaitForAsync(started.RunId);
    }

    public async Task<ReconciliationReport> WaitForAsync(long runId)
    {
        ReconciliationReport? report = null;
        await Local.EventuallyAsync(async () =>
        {
            report = await Admin.GetFromJsonAsync<ReconciliationReport>($"/api/national/reconciliation?runId={runId}");
            return report!.Status != ReconciliationStatus.Running;
        }, $"reconciliation {runId} finished", seconds: 60);
        return report!;
    }

    public async Task<CivilRecordAccepted> PostToStubAsync(string key, CivilRecordRequest record)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/civil-records") { Content = JsonContent.Create(record) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await Stub.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CivilRecordAccepted>())!;
    }

    /// <summary>Sends the case's outbox message to the stub as the dispatcher would, without Entry hearing the answer.</summary>
    public async Task<CivilRecordAccepted> SendStraightToStubAsync(Guid caseId)
    {
        var message = await Factory.WithDbAsync(db => db.NationalOutbox.AsNoTracking().SingleAsync(m => m.CaseId == caseId));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/civil-records") { Content = new StringContent(message.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        var response = await Stub.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CivilRecordAccepted>())!;
    }

    /// <summary>Makes Entry hold the case as synced under <paramref name="recordId"/>, its messages (and more versions) delivered.</summary>
    public Task MarkDeliveredAsync(Guid caseId, string recordId, int deliveredVersions = 1) => Factory.WithDbAsync(async db =>
    {
        var entry = await db.CaseEntries.SingleAsync(e => e.Id == caseId);
        entry.NationalState = NationalSyncState.Synced;
        entry.NationalRecordId = recordId;
        var now = DateTimeOffset.UtcNow.AddHours(-1);
        foreach (var message in await db.NationalOutbox.Where(m => m.CaseId == caseId).ToListAsync())
        {
            message.State = NationalMessageState.Delivered;
            message.CompletedAt = now;
        }
        for (var version = 2; version <= deliveredVersions; version++)
        {
            db.NationalOutbox.Add(new NationalMessage
            {
                CaseId = caseId, CaseVersion = version, IdempotencyKey = $"{caseId:N}-v{version}", Payload = "{}", CreatedAt = now,
                NextAttemptAt = now, State = NationalMessageState.Delivered, CompletedAt = now,
            });
        }
        return await db.SaveChangesAsync();
    });

    private Task<int> ClaimAsync(int teamId, string bookCode, string userName, DateOnly day) => Factory.WithDbAsync(async db =>
    {
        var book = await db.Books.SingleAsync(b => b.Code == bookCode);
        book.TeamId = teamId;
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        db.Claims.Add(new Claim { BookId = book.Id, UserId = user.Id, TeamId = teamId, ShiftDate = day, Shift = 1, ClaimedAt = Local.At(day, 7, 0) });
        Rostered.Ensure(db, teamId, user.Id, day, 1);
        return await db.SaveChangesAsync();
    });

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Stub.DisposeAsync();
    }

    private sealed class WorldFactory(Uri stub, bool dispatch, TimeSpan offset) : EntryFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Entry:Shifts:Enabled", "false");
            builder.UseSetting("Entry:Clock:Offset", offset.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("NationalDb:BaseUrl", stub.ToString());
            builder.UseSetting("NationalDb:Dispatch:Enabled", dispatch ? "true" : "false");
            builder.UseSetting("NationalDb:Dispatch:IdleSeconds", "1");
            builder.UseSetting("NationalDb:Resilience:MaxRetries", "1");
            builder.UseSetting("NationalDb:Resilience:BaseDelayMilliseconds", "20");
            builder.UseSetting("NationalDb:Resilience:MaxDelayMilliseconds", "100");
            builder.UseSetting("NationalDb:Reconciliation:Parallelism", "2");
        }
    }
}
