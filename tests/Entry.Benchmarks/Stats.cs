namespace Entry.Benchmarks;

internal static class Stats
{
    public static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Samples(IEnumerable<double> samples, string unit) => string.Join(", ", samples.Select(s => $"{s:0.###} {unit}"));
}
