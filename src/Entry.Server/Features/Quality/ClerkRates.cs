using Entry.Server.Data;
using Entry.Shared.Entries;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>
/// The rate a clerk's entries are drawn at: their first cases of the campaign at the new-clerk rate; then by their
/// measured share of wrong fields — above the high bound the high rate, below the low bound over enough fields the low
/// rate, else the book rate.
/// </summary>
public static class ClerkRates
{
    public static double ForMeasure(QualitySettingsDto s, int compared, int wrong)
    {
        if (compared > 0 && (double)wrong / compared > s.HighErrorRate)
        {
            return s.HighErrorSampleRate;
        }
        if (compared >= s.LowErrorMinFields && compared > 0 && (double)wrong / compared < s.LowErrorRate)
        {
            return s.LowErrorSampleRate;
        }
        return s.SampleRate;
    }

    /// <summary>The clerk's settled comparisons: fields compared and fields the decisions proved wrong.</summary>
    public static async Task<(int Compared, int Wrong)> MeasureAsync(EntryDb db, string clerkId, CancellationToken ct)
    {
        var sums = await db.QualityItems.AsNoTracking()
            .Where(i => i.FirstClerkId == clerkId && (i.State == QualityItemState.Matched || i.State == QualityItemState.Decided))
            .GroupBy(i => 1)
            .Select(g => new { Compared = g.Sum(i => i.FieldsCompared), Wrong = g.Sum(i => i.FieldsWrong) })
            .FirstOrDefaultAsync(ct);
        return sums is null ? (0, 0) : (sums.Compared, sums.Wrong);
    }

    /// <summary>
    /// The ids of the clerk's first <paramref name="count"/> cases of the campaign (in the order they were stored). Counted
    /// per shift first, so only the shifts that hold them are read.
    /// </summary>
    public static async Task<HashSet<Guid>> FirstCasesAsync(EntryDb db, string clerkId, int count, CancellationToken ct)
    {
        if (count <= 0)
        {
            return [];
        }
        var perShift = await db.CaseEntries.AsNoTracking()
            .Where(e => e.ClerkId == clerkId && e.Status != CaseStatus.Skipped)
            .GroupBy(e => new { e.ShiftDate, e.Shift })
            .Select(g => new { g.Key.ShiftDate, g.Key.Shift, Count = g.Count() })
            .ToListAsync(ct);
        var shifts = new List<(DateOnly Date, int Shift)>();
        var total = 0;
        foreach (var s in perShift.OrderBy(s => s.ShiftDate).ThenBy(s => s.Shift))
        {
            if (total >= count)
            {
                break;
            }
            shifts.Add((s.ShiftDate, s.Shift));
            total += s.Count;
        }
        if (shifts.Count == 0)
        {
            return [];
        }
        var last = shifts[^1].Date;
        var rows = await db.CaseEntries.AsNoTracking()
            .Where(e => e.ClerkId == clerkId && e.Status != CaseStatus.Skipped && e.ShiftDate <= last)
            .Select(e => new { e.Id, e.ShiftDate, e.Shift, e.StoredAt })
            .ToListAsync(ct);
        var held = shifts.ToHashSet();
        return rows.Where(r => held.Contains((r.ShiftDate, r.Shift)))
            .OrderBy(r => r.ShiftDate).ThenBy(r => r.Shift).ThenBy(r => r.StoredAt).ThenBy(r => r.Id)
            .Take(count).Select(r => r.Id).ToHashSet();
    }
}
