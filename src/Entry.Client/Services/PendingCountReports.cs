using Entry.Shared.Entries;

namespace Entry.Client.Services;

/// <summary>
/// How many count reports wait for the Admin's decision, for the badge in the menu: read when the badge appears, every
/// minute while it shows, and when the count-reports page decided one (<see cref="RefreshAsync"/>).
/// </summary>
public sealed class PendingCountReports(EntryApi api) : IDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _polling;

    public int? Count { get; private set; }

    public event Action? Changed;

    /// <summary>Starts the reading once; later calls do nothing.</summary>
    public void Start() => _polling ??= PollAsync();

    public async Task RefreshAsync()
    {
        try
        {
            var count = (await api.GetCountReportsAsync(CountReportStatus.Pending, _stop.Token)).Count;
            if (count != Count)
            {
                Count = count;
                Changed?.Invoke();
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            // The badge keeps its last count; the next round tries again.
        }
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                await RefreshAsync();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
