namespace Entry.Benchmarks;

/// <summary>Time from process start to <c>/health/ready</c> on an empty data directory with demo mode on (units, users, 27,548 books).</summary>
internal static class StartupBenchmark
{
    public static async Task RunAsync(int runs)
    {
        Console.WriteLine($"Start-up benchmark: Release server, empty data directory, demo mode on, {runs} runs; then one restart on the filled directory.");
        var cold = new List<double>();
        string? lastDirectory = null;
        for (var run = 1; run <= runs; run++)
        {
            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>());
            cold.Add(server.StartedIn.TotalSeconds);
            lastDirectory = server.DataDirectory;
            Console.WriteLine($"  run {run}: ready after {cold[^1]:0.000} s");
        }
        await using (var restarted = await ServerProcess.StartAsync(new Dictionary<string, string>(), lastDirectory))
        {
            Console.WriteLine($"  restart on the filled data directory: ready after {restarted.StartedIn.TotalSeconds:0.000} s");
        }
        Console.WriteLine();
        Console.WriteLine($"start-up to ready on an empty data directory (demo inventory loaded): median {Stats.Median(cold):0.000} s");
    }
}
