using System.Net;
using Entry.Client.Sending;
using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Tests.Sending;

/// <summary>
/// The sending queue against a scripted Kestrel: what an answer, a refusal, a 5xx, a 401 and a cut connection do to it; that
/// the form never waits behind earlier items; and that what the store kept is taken up again after a reload.
/// </summary>
public sealed class SendingQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The form waits up to <paramref name="foregroundSeconds"/>; the background retries <paramref name="firstRetryMilliseconds"/>
    /// apart, doubling up to <paramref name="backgroundMilliseconds"/>.
    /// </summary>
    private static SendingSchedule Fast(double backgroundMilliseconds = 50, double foregroundSeconds = 5, double firstRetryMilliseconds = 20,
        double attemptSeconds = 30) => new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(attemptSeconds),
        ForegroundPatience = TimeSpan.FromSeconds(foregroundSeconds),
        FirstRetry = TimeSpan.FromMilliseconds(Math.Min(firstRetryMilliseconds, backgroundMilliseconds)),
        BackgroundWait = TimeSpan.FromMilliseconds(backgroundMilliseconds),
    };

    private static CaseEntryRequest Case(int entryNumber) => new() { Id = Guid.NewGuid(), BookCode = "BK-1", EntryNumber = entryNumber, Page = 1 };

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_case_the_server_stores_is_acknowledged_and_leaves_the_queue_and_the_store()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Stored);
        var store = new InMemorySendStore();
        using var queue = new SendingQueue(server.Api(), store, Fast());
        var acknowledged = new List<(Guid Id, int CasesLogged)>();
        queue.Acknowledged += (item, saved) => acknowledged.Add((item.Id, saved.CasesLogged));
        var request = Case(7);

        var answer = await queue.SendAsync(PendingSend.For(request));

        Assert.Equal(7, answer!.Stored!.EntryNumber);
        Assert.Equal([(request.Id, 7)], acknowledged);
        Assert.Equal(0, queue.WaitingCount);
        Assert.Null(queue.InFront);
        Assert.Empty(await store.LoadAsync());
        Assert.Equal([("/api/entries", request.Id)], server.Received);
        Assert.NotNull(Assert.Single(server.TypedAt));
    }

    [Fact]
    public async Task A_case_refused_while_the_form_waits_is_handed_back_not_kept_and_not_sent_again()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Conflict);
        var store = new InMemorySendStore();
        using var queue = new SendingQueue(server.Api(), store, Fast(backgroundMilliseconds: 20));

        var answer = await queue.SendAsync(PendingSend.For(Case(8)));

        Assert.Equal(HttpStatusCode.Conflict, answer!.Problem!.Status);
        Assert.Equal(0, queue.WaitingCount);
        Assert.Empty(queue.Refused);
        Assert.Empty(await store.LoadAsync());
        await Task.Delay(200);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task An_unanswered_case_is_kept_and_sent_again_in_the_background_with_the_same_id_and_typed_time_until_stored()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Unavailable, Answer.Drop, Answer.Unavailable, Answer.Drop, Answer.Stored);
        var store = new InMemorySendStore();
        // 300 ms between the background's sends: the case is still kept when the form's wait ends.
        using var queue = new SendingQueue(server.Api(), store, Fast(backgroundMilliseconds: 300, firstRetryMilliseconds: 300));
        var acknowledged = new TaskCompletionSource<PendingSend>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Acknowledged += (item, _) => acknowledged.TrySetResult(item);
        var request = Case(10);

        var answer = await queue.SendAsync(PendingSend.For(request));

        // The form goes on at once: the 503 is no answer, and the case waits in the store.
        Assert.Null(answer);
        Assert.Null(queue.InFront);
        var kept = Assert.Single(await store.LoadAsync());
        Assert.Equal(request.Id, kept.Id);
        Assert.Equal(kept.QueuedAt, kept.Case!.TypedAt);
        Assert.Equal(kept.QueuedAt, queue.WaitingSince);

        var stored = await acknowledged.Task.WaitAsync(Patience);

        Assert.Equal(5, stored.Attempts);
        Assert.Equal(5, server.Received.Count);
        Assert.All(server.Received, r => Assert.Equal(request.Id, r.Id));
        Assert.Single(server.TypedAt.Distinct());
        Assert.Equal(0, queue.WaitingCount);
        Assert.Null(queue.WaitingSince);
        Assert.Empty(await store.LoadAsync());
    }

    [Fact]
    public async Task A_slow_server_does_not_hold_the_form_beyond_its_patience_and_the_case_waits_on()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Hang, Answer.Stored);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast(backgroundMilliseconds: 50, foregroundSeconds: 0.2));
        var request = Case(9);

        var answer = await queue.SendAsync(PendingSend.For(request)).WaitAsync(Patience);

        Assert.Null(answer);
        Assert.Null(queue.InFront);
        Assert.Equal(1, queue.WaitingCount);
        // The hanging send is given up only by the attempt's timeout (30 s here); the queue does not send the case twice at once.
        await Task.Delay(300);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_send_left_hanging_is_given_up_after_the_attempt_timeout_and_sent_again_with_the_same_id()
    {
        // The server holds the first request a minute without answering, as a link that dropped mid-request does.
        await using var server = await ScriptedServer.StartAsync(Answer.Hang, Answer.Stored);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast(foregroundSeconds: 0.1, attemptSeconds: 0.5));
        var acknowledged = new TaskCompletionSource<PendingSend>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Acknowledged += (item, _) => acknowledged.TrySetResult(item);
        var request = Case(11);

        Assert.Null(await queue.SendAsync(PendingSend.For(request)));
        var stored = await acknowledged.Task.WaitAsync(Patience);

        Assert.Equal(request.Id, stored.Id);
        Assert.Equal(2, stored.Attempts);
        Assert.Equal([request.Id, request.Id], server.Received.Select(r => r.Id));
        Assert.Equal(0, queue.WaitingCount);
    }

    [Fact]
    public async Task Cases_saved_while_earlier_ones_wait_are_queued_at_once_and_sent_after_them_each_stored_once()
    {
        // The form's send and the background's first one are cut; the next round is an hour away, until "send now".
        await using var server = await ScriptedServer.StartAsync(Answer.Drop, Answer.Drop);
        var store = new InMemorySendStore();
        using var queue = new SendingQueue(server.Api(), store, Fast(backgroundMilliseconds: 3_600_000, firstRetryMilliseconds: 3_600_000));
        var stored = new List<Guid>();
        queue.Acknowledged += (item, _) =>
        {
            lock (stored)
            {
                stored.Add(item.Id);
            }
        };
        var first = Case(20);
        var second = Case(21);
        var third = Case(22);

        Assert.Null(await queue.SendAsync(PendingSend.For(first)));
        Assert.Null(await queue.SendAsync(PendingSend.For(second)));
        Assert.Null(await queue.SendAsync(PendingSend.For(third)));
        Assert.Equal([first.Id, second.Id, third.Id], (await store.LoadAsync()).Select(i => i.Id));
        Assert.DoesNotContain(server.Received, r => r.Id != first.Id);

        queue.SendNow();
        await Until(() => queue.WaitingCount == 0);

        Assert.Equal([first.Id, second.Id, third.Id], stored);
        var order = server.Received.Select(r => r.Id).ToList();
        Assert.True(order.LastIndexOf(first.Id) < order.IndexOf(second.Id), "the oldest goes first");
        Assert.True(order.LastIndexOf(second.Id) < order.IndexOf(third.Id), "then the next");
        Assert.Empty(await store.LoadAsync());
    }

    [Fact]
    public async Task A_case_refused_in_the_background_stays_with_its_reason_until_the_clerk_discards_it()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Drop, Answer.Conflict);
        var store = new InMemorySendStore();
        using var queue = new SendingQueue(server.Api(), store, Fast());
        var refused = new TaskCompletionSource<(PendingSend, ApiProblem)>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.RefusedItem += (item, problem) => refused.TrySetResult((item, problem));
        var request = Case(11);

        Assert.Null(await queue.SendAsync(PendingSend.For(request)));
        var (item, problem) = await refused.Task.WaitAsync(Patience);

        Assert.Equal(request.Id, item.Id);
        Assert.Equal(HttpStatusCode.Conflict, problem.Status);
        Assert.Equal("Entry number already logged", problem.Title);
        Assert.Equal(0, queue.WaitingCount);
        Assert.Equal(request.Id, Assert.Single(queue.Refused).Id);
        Assert.Equal("Entry number already logged", Assert.Single(await store.LoadAsync()).Refusal!.Title);
        await Task.Delay(200);
        Assert.Equal(2, server.Received.Count);

        await queue.ForgetRefusedAsync(request.Id);

        Assert.Empty(queue.Refused);
        Assert.Empty(await store.LoadAsync());
    }

    [Fact]
    public async Task A_401_keeps_the_case_waiting_until_the_clerk_is_signed_in_again()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Unauthorized, Answer.Unauthorized, Answer.Stored);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast(backgroundMilliseconds: 3_600_000, firstRetryMilliseconds: 3_600_000));
        var request = Case(12);

        Assert.Null(await queue.SendAsync(PendingSend.For(request)));

        Assert.True(queue.NeedsSignIn);
        Assert.Equal(request.Id, Assert.Single(queue.Waiting).Id);
        Assert.Empty(queue.Refused);

        // Signed in again, the clerk presses "send now" rather than waiting for the next round (an hour here).
        queue.SendNow();
        await Until(() => server.Received.Count >= 2);
        queue.SendNow();
        await Until(() => queue.WaitingCount == 0);

        Assert.False(queue.NeedsSignIn);
        Assert.Equal(3, server.Received.Count);
        Assert.All(server.Received, r => Assert.Equal(request.Id, r.Id));
    }

    [Fact]
    public async Task A_skipped_number_goes_to_the_skip_endpoint_with_its_own_id_and_typed_time()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Drop, Answer.Stored);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast());
        var skip = new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = "BK-1", EntryNumber = 13, Reason = SkipReason.EntryBlank };

        Assert.Null(await queue.SendAsync(PendingSend.For(skip)));
        await Until(() => queue.WaitingCount == 0);

        Assert.Equal([("/api/entries/skip", skip.Id), ("/api/entries/skip", skip.Id)], server.Received);
        Assert.Single(server.TypedAt.Distinct());
        Assert.NotNull(server.TypedAt[0]);
    }

    [Fact]
    public async Task A_page_that_stops_waiting_leaves_its_case_in_the_queue_which_goes_on_sending_it()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Hang, Answer.Stored);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast(foregroundSeconds: 3600));
        var acknowledged = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Acknowledged += (item, _) => acknowledged.TrySetResult(item.Id);
        using var leaving = new CancellationTokenSource();
        var request = Case(14);

        var sending = queue.SendAsync(PendingSend.For(request), leaving.Token);
        await Until(() => server.Received.Count == 1);
        Assert.Equal(request.Id, queue.InFront?.Id);

        await leaving.CancelAsync();

        Assert.Null(await sending.WaitAsync(Patience));
        Assert.Null(queue.InFront);
        Assert.Equal(1, queue.WaitingCount);
    }

    [Fact]
    public async Task After_a_reload_what_the_store_kept_is_taken_up_the_waiting_sent_with_its_id_the_refused_shown_others_left_alone()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Stored);
        var store = new InMemorySendStore();
        var waiting = PendingSend.For(Case(15)).Queued(DateTimeOffset.UtcNow.AddHours(-1), "clerk") with { Attempts = 4 };
        var refused = PendingSend.For(Case(16)).Queued(DateTimeOffset.UtcNow, "clerk") with
        {
            Refusal = new ApiProblem(HttpStatusCode.Conflict, "Entry number already logged", null, new Dictionary<string, string[]>(), []),
        };
        var someoneElses = PendingSend.For(Case(17)).Queued(DateTimeOffset.UtcNow, "clerk2");
        await store.PutAsync(waiting);
        await store.PutAsync(refused);
        await store.PutAsync(someoneElses);
        using var queue = new SendingQueue(server.Api(), store, Fast());
        var acknowledged = new TaskCompletionSource<PendingSend>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Acknowledged += (item, _) => acknowledged.TrySetResult(item);

        await queue.ResumeAsync("clerk");
        await queue.ResumeAsync("clerk");

        Assert.Equal(refused.Id, Assert.Single(queue.Refused).Id);
        var stored = await acknowledged.Task.WaitAsync(Patience);
        Assert.Equal(5, stored.Attempts);
        Assert.Equal([("/api/entries", waiting.Id)], server.Received);
        Assert.Equal(waiting.Case!.TypedAt!.Value, DateTimeOffset.Parse(server.TypedAt[0]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([refused.Id, someoneElses.Id], (await store.LoadAsync()).Select(i => i.Id));
    }

    private static CaseEntryDetails Details(CaseEntryRequest request, int version, string childName) => new()
    {
        Id = request.Id,
        BookCode = "BK-1",
        Type = Entry.Shared.Books.BookType.Birth,
        EntryNumber = request.EntryNumber,
        Status = CaseStatus.Entered,
        Page = request.Page,
        RegistrationDate = request.RegistrationDate,
        Birth = request.Birth! with { ChildName = childName },
        ClerkUserName = "clerk",
        ClerkName = "Clerk",
        StoredAt = DateTimeOffset.UtcNow,
        Version = version,
        History = [],
    };

    private static CaseEntryRequest Birth(int entryNumber, string childName) => Case(entryNumber) with
    {
        RegistrationDate = new DateOnly(1970, 5, 1),
        Birth = new BirthCase { ChildName = childName, Sex = Sex.Female, DateOfBirth = new DateOnly(1970, 4, 20), PlaceOfBirth = "Đồng Xoài", MotherName = "Thị K'Lung" },
    };

    [Fact]
    public async Task A_correction_whose_answer_got_lost_meets_its_own_version_and_counts_as_stored_when_the_case_reads_as_sent()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Drop, Answer.Stale);
        var correction = Birth(30, "Điểu Thị Hoa");
        server.Stored = Details(correction, version: 3, childName: "Điểu Thị Hoa");
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast());
        var corrected = new TaskCompletionSource<CaseEntryDetails>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Corrected += (_, details) => corrected.TrySetResult(details);
        queue.RefusedItem += (_, problem) => corrected.TrySetException(new InvalidOperationException(problem.Title));

        Assert.Null(await queue.SendAsync(PendingSend.Correcting(correction, version: 2)));

        Assert.Equal(3, (await corrected.Task.WaitAsync(Patience)).Version);
        Assert.Empty(queue.Refused);
        Assert.Equal(0, queue.WaitingCount);
    }

    [Fact]
    public async Task A_correction_overtaken_by_another_change_is_refused_as_stale_and_kept_for_the_clerk()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Drop, Answer.Stale);
        var correction = Birth(31, "Điểu Thị Hoa");
        server.Stored = Details(correction, version: 3, childName: "Điểu Thị Lan");
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast());
        var refused = new TaskCompletionSource<ApiProblem>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.RefusedItem += (_, problem) => refused.TrySetResult(problem);

        Assert.Null(await queue.SendAsync(PendingSend.Correcting(correction, version: 2)));

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await refused.Task.WaitAsync(Patience)).Status);
        Assert.True(Assert.Single(queue.Refused).IsCorrection);
    }
}
