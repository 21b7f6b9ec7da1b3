using System.Globalization;
using Entry.Server.Features.Books;
using Entry.Server.Features.Units;
using Entry.Shared.Books;
using Entry.Shared.Units;

namespace Entry.Server.Data.Demo;

/// <summary>
/// A deterministic inventory for the demo: exactly <see cref="Books"/> books holding exactly
/// <see cref="Cases"/> cases (the Bình Phước totals of Plan 138), spread over every unit and type.
/// </summary>
public static class DemoInventory
{
    public const int Books = 27_548;
    public const int Cases = 1_457_884;
    private const int Seed = 138;

    // Plausible shares: births are the largest part of any civil registry, adoptions the smallest.
    private static readonly (BookType Type, double BookShare, double MeanCases, string Prefix)[] Types =
    [
        (BookType.Birth, 0.42, 64, "KS"),
        (BookType.Marriage, 0.24, 48, "KH"),
        (BookType.Death, 0.27, 46, "KT"),
        (BookType.Adoption, 0.07, 14, "NCN"),
    ];

    // Every unit, whatever its level, holds a comparable share (±30 %): one team per unit can then finish about
    // together, and the teams above help the units furthest behind. The 111 communes hold the bulk.
    private static double LevelWeight(UnitLevel level) => level == UnitLevel.Province ? 1.2 : 1.0;

    public static IReadOnlyList<BookCsvRow> Generate(IReadOnlyList<AdministrativeUnit> units)
    {
        var random = new Random(Seed);
        var ordered = units.OrderBy(u => u.Level).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
        var weights = ordered.Select(u => LevelWeight(u.Level) * (0.7 + (0.6 * random.NextDouble()))).ToArray();
        var booksPerUnit = Apportion(Books, weights);

        var drafts = new List<Draft>(Books);
        for (var i = 0; i < ordered.Count; i++)
        {
            var perType = Apportion(booksPerUnit[i], Types.Select(t => t.BookShare).ToArray());
            for (var t = 0; t < Types.Length; t++)
            {
                AddSeries(drafts, ordered[i].Code, Types[t], perType[t], random);
            }
        }

        var cases = Apportion(Cases, drafts.Select(d => d.Weight).ToArray());
        return drafts
            .Select((d, i) => new BookCsvRow(d.Code, d.UnitCode, d.Type, d.Volume.ToString(CultureInfo.InvariantCulture), d.From, d.To, cases[i], d.Condition))
            .ToList();
    }

    /// <summary>A unit's books of one type cover consecutive periods from an early year up to the cut-off.</summary>
    private static void AddSeries(List<Draft> drafts, string unitCode, (BookType Type, double Share, double Mean, string Prefix) type, int count, Random random)
    {
        if (count == 0)
        {
            return;
        }
        var start = new DateOnly(1955 + random.Next(0, 31), 1, 1);
        var spanDays = BookNames.Cutoff.DayNumber - start.DayNumber;
        // A few series were still open when the civil-registry software arrived: their last book spans the cut-off.
        var lastSpans = random.NextDouble() < 0.04;
        var volumeInYear = new Dictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            var from = DateOnly.FromDayNumber(start.DayNumber + (int)((long)spanDays * i / count));
            var to = DateOnly.FromDayNumber(start.DayNumber + (int)((long)spanDays * (i + 1) / count) - 1);
            if (to < from)
            {
                to = from;
            }
            if (i == count - 1 && lastSpans)
            {
                to = new DateOnly(2019, 12, 31);
            }
            var volume = volumeInYear[from.Year] = volumeInYear.GetValueOrDefault(from.Year) + 1;
            var age = 2019 - from.Year;
            var roll = random.NextDouble();
            var condition = roll < 0.35 + (age * 0.008) ? (roll < 0.08 + (age * 0.004) ? BookCondition.Damaged : BookCondition.Worn) : BookCondition.Good;
            drafts.Add(new Draft
            {
                Code = $"{type.Prefix}-{unitCode}-{from.Year}-{volume:00}",
                UnitCode = unitCode,
                Type = type.Type,
                Volume = volume,
                From = from,
                To = to,
                Condition = condition,
                Weight = type.Mean * (0.5 + random.NextDouble()),
            });
        }
    }

    /// <summary>Largest-remainder apportionment: whole shares proportional to the weights, summing exactly to <paramref name="total"/>.</summary>
    internal static int[] Apportion(int total, double[] weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToArray();
        var shares = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - shares.Sum();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - shares[i]).ThenBy(i => i).Take(left))
        {
            shares[i]++;
        }
        return shares;
    }

    private sealed class Draft
    {
        public required string Code { get; init; }
        public required string UnitCode { get; init; }
        public required BookType Type { get; init; }
        public required int Volume { get; init; }
        public required DateOnly From { get; init; }
        public required DateOnly To { get; init; }
        public required BookCondition Condition { get; init; }
        /// <summary>The book's relative size; the case counts are apportioned from these so they sum exactly.</summary>
        public required double Weight { get; init; }
    }
}
