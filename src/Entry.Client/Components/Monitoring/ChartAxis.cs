namespace Entry.Client.Components.Monitoring;

/// <summary>
/// Readable chart axes: a value axis in round steps (1, 2 or 5 × a power of ten) from zero, and a label axis thinned to a few
/// labels. The chart doubles its tick spacing while there are too many ticks (20, 40, … 327,680); a step that already fits
/// is kept as given.
/// </summary>
public static class ChartAxis
{
    /// <summary>The smallest round step with which 0 to <paramref name="max"/> needs at most <paramref name="maxTicks"/> ticks (0 included).</summary>
    public static int NiceStep(double max, int maxTicks)
    {
        if (double.IsNaN(max) || max <= 0)
        {
            return 1;
        }
        var intervals = Math.Max(1, maxTicks - 1);
        var raw = max / intervals;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var multiple in (double[])[1, 2, 5, 10])
        {
            var step = multiple * power;
            // A little slack for floating point: 0.3 / 0.1 is 2.9999999999999996.
            if (step >= raw * (1 - 1e-9))
            {
                return (int)Math.Max(1, Math.Round(step));
            }
        }
        return (int)Math.Max(1, Math.Round(10 * power));
    }

    /// <summary>The ticks from 0 to the first step at or above <paramref name="max"/>.</summary>
    public static IReadOnlyList<long> Ticks(double max, int maxTicks)
    {
        var step = NiceStep(max, maxTicks);
        var count = Math.Max(1, (long)Math.Ceiling(Math.Max(0, max) / step));
        return [.. Enumerable.Range(0, (int)count + 1).Select(i => (long)i * step)];
    }

    /// <summary>
    /// At most <paramref name="most"/> of the non-blank labels kept, every n-th from the first (the others blank), so that
    /// neighbours never touch.
    /// </summary>
    public static string[] Thin(IReadOnlyList<string> labels, int most)
    {
        var shown = labels.Select((label, index) => (label, index)).Where(x => x.label.Length > 0).Select(x => x.index).ToList();
        if (most < 1 || shown.Count <= most)
        {
            return [.. labels];
        }
        var every = (int)Math.Ceiling(shown.Count / (double)most);
        var kept = shown.Where((_, n) => n % every == 0).ToHashSet();
        return [.. labels.Select((label, i) => kept.Contains(i) ? label : "")];
    }
}
