namespace Entry.Server.Features.National;

/// <summary>
/// Runs one reconciliation at a time in the background, for the Admin's trigger and the nightly job alike; a run still
/// going when the server stops is cancelled and awaited, and one cut off by a crash is closed as interrupted at start.
/// </summary>
public sealed class ReconciliationRunner(ReconciliationService reconciliation, IHostApplicationLifetime lifetime) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim one = new(1, 1);
    private long? runningId;
    private Task current = Task.CompletedTask;

    /// <summary>Started: the new run's id and its completion; or not started, with the id of the run going on.</summary>
    public sealed record Start(bool Started, long? RunId, Task Completion);

    /// <summary>The run going on, if any.</summary>
    public long? RunningId => runningId;

    public async Task<Start> StartAsync(string trigger, string? requestedBy, CancellationToken ct)
    {
        if (!await one.WaitAsync(0, ct))
        {
            return new Start(false, runningId, Task.CompletedTask);
        }
        long id;
        try
        {
            id = await reconciliation.BeginAsync(trigger, requestedBy, ct);
        }
        catch
        {
            one.Release();
            throw;
        }
        runningId = id;
        current = RunAsync(id);
        return new Start(true, id, current);
    }

    private async Task RunAsync(long id)
    {
        // Off the caller's request: the run outlives it.
        await Task.Yield();
        try
        {
            await reconciliation.RunAsync(id, lifetime.ApplicationStopping);
        }
        finally
        {
            runningId = null;
            one.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => reconciliation.CloseInterruptedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // The host's stopping token has cancelled a run in progress; let it record that before the container goes.
        await current.ConfigureAwait(false);
        one.Dispose();
    }
}
