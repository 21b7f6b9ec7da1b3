using System.Globalization;

namespace Entry.Benchmarks;

/// <summary>
/// The resident memory of another process of this machine, sampled every second from <c>/proc/&lt;pid&gt;/status</c>
/// (<c>VmRSS</c>; Linux only): the peak of the samples, and the kernel's own high-water mark (<c>VmHWM</c>), which
/// also sees the peaks between two samples.
/// </summary>
internal sealed class ProcessMemory : IAsyncDisposable
{
    private readonly int pid;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peakKb;
    private long lastKb;
    private int samples;

    public ProcessMemory(int pid)
    {
        this.pid = pid;
        sampling = Task.Run(SampleAsync);
    }

    public double PeakMb => Interlocked.Read(ref peakKb) / 1024.0;
    public double LastMb => Interlocked.Read(ref lastKb) / 1024.0;
    public int Samples => Volatile.Read(ref samples);
    /// <summary>The kernel's peak resident set of the process so far; NaN when it cannot be read.</summary>
    public double HighWaterMb => Read("VmHWM:") is { } kb ? kb / 1024.0 : double.NaN;

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            if (Read("VmRSS:") is { } kb)
            {
                Interlocked.Exchange(ref lastKb, kb);
                if (kb > Interlocked.Read(ref peakKb))
                {
                    Interlocked.Exchange(ref peakKb, kb);
                }
                Interlocked.Increment(ref samples);
            }
        }
        while (await Wait(timer));
    }

    private async Task<bool> Wait(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private long? Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    // "VmRSS:	  123456 kB"
                    var digits = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // gone, or not Linux
        }
        catch (UnauthorizedAccessException)
        {
            // not ours
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }
}
