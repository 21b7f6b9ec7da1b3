namespace Entry.Benchmarks;

/// <summary>What one drive of the clerks measured (against the server, or against the bare endpoint).</summary>
internal sealed record EntryLoadReport(IReadOnlyList<EntryLoadClerk> Clerks, TimeSpan Measured, int Dashboards, int DashboardsConnectedAtEnd,
    List<double> LagsMs, int Undelivered, long Batches)
{
    public int Stored => Clerks.Sum(c => c.Stored);
    public double PerSecond => Stored / Measured.TotalSeconds;
    public List<double> Latencies => Clerks.SelectMany(c => c.Latencies).ToList();

    public string Errors()
    {
        var errors = Clerks.SelectMany(c => c.Errors)
            .GroupBy(e => e.Key, e => e.Value)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Sum()}")
            .ToList();
        return errors.Count == 0 ? "none" : string.Join(", ", errors);
    }

    public string? FirstProblem => Clerks.Select(c => c.FirstProblem).FirstOrDefault(p => p is not null);
}

/// <summary>One round's figures: the full pipeline, its raw-insert baseline and the bare endpoint, and their ratios.</summary>
internal sealed record EntryLoadFigures(EntryLoadReport Full, int BaselineRows, TimeSpan BaselineElapsed, EntryLoadReport Bare)
{
    public double EntriesPerSecond => Full.PerSecond;
    public double LatencyP50 => Stats.Percentile(Full.Latencies, 50);
    public double LatencyP99 => Stats.Percentile(Full.Latencies, 99);
    public double HubLagP50 => Stats.Percentile(Full.LagsMs, 50);
    public double HubLagP99 => Stats.Percentile(Full.LagsMs, 99);
    public double RawPerSecond => BaselineRows / BaselineElapsed.TotalSeconds;
    public double BarePerSecond => Bare.PerSecond;
    public double BareLatencyP99 => Stats.Percentile(Bare.Latencies, 99);
    /// <summary>Entries per second over raw inserts per second: 1.0 means the pipeline keeps up with a bare one-row-per-transaction insert.</summary>
    public double OverRaw => EntriesPerSecond / RawPerSecond;
    /// <summary>The share of the bare endpoint's rate that the full pipeline reaches.</summary>
    public double ShareOfBare => EntriesPerSecond / BarePerSecond;

    public void Print(int round)
    {
        var clerks = Full.Clerks;
        Console.WriteLine();
        Console.WriteLine($"| round {round} | {clerks.Count} clerks, {Full.Dashboards} dashboards, {Full.Measured.TotalSeconds:0} s |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| cases stored (201) in the measured window | {Full.Stored:N0} ({clerks.Sum(c => c.StoredInRun):N0} in the whole run, {clerks.Sum(c => c.BooksFinished)} books finished) |");
        Console.WriteLine($"| entries per second, sustained | **{EntriesPerSecond:N0}** |");
        Console.WriteLine($"| request latency p50 / p99 | {LatencyP50:0.0} ms / {LatencyP99:0.0} ms |");
        Console.WriteLine($"| hub lag p50 / p99 (StoredAt → arrival) | {HubLagP50:0} ms / {HubLagP99:0} ms ({Full.LagsMs.Count:N0} deliveries, {Full.Undelivered} missing, " +
            $"{Full.Batches:N0} batches; {Full.DashboardsConnectedAtEnd} of {Full.Dashboards} dashboards still connected at the end) |");
        Console.WriteLine($"| errors (non-2xx) | {Full.Errors()} |");
        Console.WriteLine($"| raw SQLite insert of the same {BaselineRows:N0} rows, one transaction each | {RawPerSecond:N0} rows/s → the pipeline reaches **{OverRaw:0.00}×** of it |");
        Console.WriteLine($"| bare endpoint (same clerks, bodies, connections; 201, no storage) | {BarePerSecond:N0} requests/s (p99 {BareLatencyP99:0.0} ms, errors {Bare.Errors()}) → " +
            $"the pipeline reaches **{ShareOfBare:P1}** of it |");
        if (Full.FirstProblem is { } problem)
        {
            Console.WriteLine();
            Console.WriteLine($"first refusal: {problem}");
        }
    }

    public static void PrintMedians(IReadOnlyList<EntryLoadFigures> rounds)
    {
        string Median(Func<EntryLoadFigures, double> figure, string format) =>
            Stats.Median(rounds.Select(figure).ToList()).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        string All(Func<EntryLoadFigures, double> figure, string format) =>
            string.Join(", ", rounds.Select(r => figure(r).ToString(format, System.Globalization.CultureInfo.InvariantCulture)));

        var first = rounds[0].Full;
        Console.WriteLine();
        Console.WriteLine($"Medians of {rounds.Count} rounds ({first.Clerks.Count} clerks, {first.Dashboards} dashboards, {first.Measured.TotalSeconds:0} s measured each)");
        Console.WriteLine();
        Console.WriteLine("| what | median | rounds |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| entries per second | **{Median(r => r.EntriesPerSecond, "N0")}** | {All(r => r.EntriesPerSecond, "N0")} |");
        Console.WriteLine($"| request latency p99 | {Median(r => r.LatencyP99, "0.0")} ms | {All(r => r.LatencyP99, "0.0")} |");
        Console.WriteLine($"| hub lag p99 (StoredAt → arrival) | {Median(r => r.HubLagP99, "0")} ms | {All(r => r.HubLagP99, "0")} |");
        Console.WriteLine($"| raw SQLite insert, same rows, rows/s | {Median(r => r.RawPerSecond, "N0")} | {All(r => r.RawPerSecond, "N0")} |");
        Console.WriteLine($"| pipeline ÷ raw insert (per round) | **{Median(r => r.OverRaw, "0.00")}×** | {All(r => r.OverRaw, "0.00")} |");
        Console.WriteLine($"| bare endpoint, requests/s | {Median(r => r.BarePerSecond, "N0")} | {All(r => r.BarePerSecond, "N0")} |");
        Console.WriteLine($"| pipeline ÷ bare endpoint (per round) | **{Median(r => r.ShareOfBare * 100, "0.0")} %** | {All(r => r.ShareOfBare * 100, "0.0")} |");
        Console.WriteLine($"| errors (non-2xx), per round | | {string.Join("; ", rounds.Select(r => r.Full.Errors()))} |");
    }
}
