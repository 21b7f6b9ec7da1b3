using System.Net;
using Entry.Client.Sending;
using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Tests.Sending;

/// <summary>The sending queue against a scripted Kestrel: what an answer, a refusal, a 5xx and a cut connection do to it.</summary>
public sealed class SendingQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Quick retries 20 ms apart; the background every 50 ms.</summary>
    private static SendingSchedule Fast(int quickRetries, double backgroundMilliseconds = 50) => new()
    {
        CaseWaits = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(20), quickRetries)],
        SkipWaits = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(20), quickRetries)],
        BackgroundWait = TimeSpan.FromMilliseconds(backgroundMilliseconds),
    };

    private static CaseEntryRequest Case(int entryNumber) => new() { Id = Guid.NewGuid(), BookCode = "BK-1", EntryNumber = entryNumber, Page = 1 };

    [Fact]
    public async Task A_case_the_server_stores_is_acknowledged_and_leaves_the_queue()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Stored);
        var store = new InMemorySendStore();
        using var queue = new SendingQueue(server.Api(), store, Fast(quickRetries: 3));
        var acknowledged = new List<(Guid Id, int CasesLogged)>();
        queue.Acknowledged += (item, saved) => acknowledged.Add((item.Id, saved.CasesLogged));
        var request = Case(7);

        var answer = await queue.SendAsync(PendingSend.For(request));

        Assert.NotNull(answer);
        Assert.Equal(7, answer.Value!.EntryNumber);
        Assert.Equal([(request.Id, 7)], acknowledged);
        Assert.Equal(0, queue.WaitingCount);
        Assert.Null(queue.InFront);
        Assert.Empty(await store.LoadAsync());
        Assert.Equal([("/api/entries", request.Id)], server.Received);
    }

    [Fact]
    public async Task A_case_refused_with_409_leaves_the_queue_with_its_reason_and_is_not_sent_again()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Conflict);
        var store = new InMemorySendStore();
        using var queue = new SendingQueue(server.Api(), store, Fast(quickRetries: 3, backgroundMilliseconds: 20));
        ApiProblem? refusal = null;
        queue.Refused += (_, problem) => refusal = problem;

        var answer = await queue.SendAsync(PendingSend.For(Case(8)));

        Assert.Equal(HttpStatusCode.Conflict, answer!.Problem!.Status);
        Assert.Equal("Entry number already logged", refusal!.Title);
        Assert.Equal(0, queue.WaitingCount);
        Assert.Empty(await store.LoadAsync());
        await Task.Delay(200);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_5xx_and_a_cut_connection_are_sent_again_with_the_same_id_while_the_clerk_waits()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Unavailable, Answer.Drop, Answer.Stored);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast(quickRetries: 7));
        var attemptsSeen = new List<int>();
        var failures = new List<SendFailure?>();
        queue.Changed += () =>
        {
            if (queue.InFront is { } item && !attemptsSeen.Contains(item.Attempts))
            {
                attemptsSeen.Add(item.Attempts);
            }

            failures.Add(queue.LastFailure);
        };
        var request = Case(9);

        var answer = await queue.SendAsync(PendingSend.For(request));

        Assert.True(answer!.Succeeded);
        Assert.Equal([1, 2, 3], attemptsSeen);
        Assert.Equal(3, server.Received.Count);
        Assert.All(server.Received, r => Assert.Equal(request.Id, r.Id));
        Assert.Contains(failures, f => f is { Attempt: 1, Status: HttpStatusCode.ServiceUnavailable });
        Assert.Contains(failures, f => f is { Attempt: 2, Status: null });
        Assert.Null(queue.LastFailure);
        Assert.Equal(0, queue.WaitingCount);
    }

    [Fact]
    public async Task A_case_unanswered_after_the_quick_retries_stays_queued_and_is_stored_from_the_background_with_its_id()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Unavailable, Answer.Drop, Answer.Unavailable, Answer.Drop, Answer.Stored);
        var store = new InMemorySendStore();
        using var queue = new SendingQueue(server.Api(), store, Fast(quickRetries: 1, backgroundMilliseconds: 500));
        var acknowledged = new TaskCompletionSource<PendingSend>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Acknowledged += (item, _) => acknowledged.TrySetResult(item);
        var request = Case(10);

        var answer = await queue.SendAsync(PendingSend.For(request));

        Assert.Null(answer);
        Assert.Null(queue.InFront);
        var waiting = Assert.Single(queue.Waiting);
        Assert.Equal(request.Id, waiting.Id);
        Assert.Equal(2, waiting.Attempts);
        Assert.Equal(new SendFailure(request.Id, 2, null), queue.LastFailure);
        Assert.Equal(request.Id, Assert.Single(await store.LoadAsync()).Id);

        var stored = await acknowledged.Task.WaitAsync(Patience);

        Assert.Equal(5, stored.Attempts);
        Assert.Equal(5, server.Received.Count);
        Assert.All(server.Received, r => Assert.Equal(request.Id, r.Id));
        Assert.Equal(0, queue.WaitingCount);
        Assert.Empty(await store.LoadAsync());
    }

    [Fact]
    public async Task A_case_refused_in_the_background_leaves_the_queue_with_its_reason()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Drop, Answer.Conflict);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast(quickRetries: 0));
        var refused = new TaskCompletionSource<(PendingSend, ApiProblem)>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Refused += (item, problem) => refused.TrySetResult((item, problem));
        var request = Case(11);

        Assert.Null(await queue.SendAsync(PendingSend.For(request)));
        var (item, problem) = await refused.Task.WaitAsync(Patience);

        Assert.Equal(request.Id, item.Id);
        Assert.Same(request, item.Case);
        Assert.Equal(HttpStatusCode.Conflict, problem.Status);
        Assert.Equal("Entry number already logged", problem.Title);
        Assert.Equal(0, queue.WaitingCount);
    }

    [Fact]
    public async Task Resend_now_sends_a_background_item_at_once_rather_than_at_its_next_round()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Unavailable);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast(quickRetries: 0, backgroundMilliseconds: 3_600_000));
        var request = Case(12);
        Assert.Null(await queue.SendAsync(PendingSend.For(request)));

        await queue.ResendNowAsync(request.Id);

        Assert.Equal(0, queue.WaitingCount);
        Assert.Equal(2, server.Received.Count);
        Assert.All(server.Received, r => Assert.Equal(request.Id, r.Id));
    }

    [Fact]
    public async Task A_skipped_number_goes_to_the_skip_endpoint_with_its_own_id()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Drop, Answer.Stored);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast(quickRetries: 3));
        var skip = new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = "BK-1", EntryNumber = 13, Reason = SkipReason.EntryBlank };

        var answer = await queue.SendAsync(PendingSend.For(skip));

        Assert.True(answer!.Succeeded);
        Assert.Equal([("/api/entries/skip", skip.Id), ("/api/entries/skip", skip.Id)], server.Received);
    }

    [Fact]
    public async Task A_page_that_stops_waiting_leaves_its_case_in_the_queue_which_goes_on_sending_it()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Unavailable, Answer.Stored);
        using var queue = new SendingQueue(server.Api(), new InMemorySendStore(), Fast(quickRetries: 0) with
        {
            CaseWaits = [TimeSpan.FromHours(1)],
        });
        var acknowledged = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Acknowledged += (item, _) => acknowledged.TrySetResult(item.Id);
        using var leaving = new CancellationTokenSource();
        var request = Case(14);

        var sending = queue.SendAsync(PendingSend.For(request), leaving.Token);
        var deadline = DateTime.UtcNow + Patience;
        while (queue.LastFailure is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(request.Id, queue.InFront?.Id);

        await leaving.CancelAsync();

        Assert.Null(await sending.WaitAsync(Patience));
        Assert.Equal(request.Id, await acknowledged.Task.WaitAsync(Patience));
        Assert.Equal(0, queue.WaitingCount);
    }

    [Fact]
    public async Task What_the_store_kept_from_before_is_taken_up_and_sent_with_its_id()
    {
        await using var server = await ScriptedServer.StartAsync(Answer.Stored);
        var store = new InMemorySendStore();
        var kept = PendingSend.For(Case(15)) with { Attempts = 4 };
        await store.PutAsync(kept);
        using var queue = new SendingQueue(server.Api(), store, Fast(quickRetries: 0));
        var acknowledged = new TaskCompletionSource<PendingSend>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Acknowledged += (item, _) => acknowledged.TrySetResult(item);

        await queue.ResumeAsync();
        await queue.ResumeAsync();

        var stored = await acknowledged.Task.WaitAsync(Patience);
        Assert.Equal(5, stored.Attempts);
        Assert.Equal([("/api/entries", kept.Id)], server.Received);
        Assert.Empty(await store.LoadAsync());
    }
}
