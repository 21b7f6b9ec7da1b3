using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>The Admin's quality settings, read from their row (the defaults before an Admin sets any).</summary>
public static class QualitySettingsStore
{
    public static async Task<QualitySettingsDto> ReadAsync(EntryDb db, CancellationToken ct) =>
        await db.QualitySettings.AsNoTracking().Where(s => s.Id == 1).Select(s => new QualitySettingsDto
        {
            SampleRate = s.SampleRate, NewClerkCases = s.NewClerkCases, NewClerkRate = s.NewClerkRate, HighErrorRate = s.HighErrorRate,
            HighErrorSampleRate = s.HighErrorSampleRate, LowErrorRate = s.LowErrorRate, LowErrorMinFields = s.LowErrorMinFields,
            LowErrorSampleRate = s.LowErrorSampleRate, AcceptanceErrorRate = s.AcceptanceErrorRate,
        }).FirstOrDefaultAsync(ct) ?? new QualitySettingsDto();

    /// <summary>Every field that is out of range, with why.</summary>
    public static Dictionary<string, Phrase[]> Check(QualitySettingsDto s)
    {
        var errors = new Dictionary<string, Phrase[]>();
        void Fraction(string field, double value, double min)
        {
            if (double.IsNaN(value) || value < min || value > 1)
            {
                errors[field] = [Phrase.Of("quality.settings.fraction", min)];
            }
        }
        Fraction("sampleRate", s.SampleRate, 0.001);
        Fraction("newClerkRate", s.NewClerkRate, 0.001);
        Fraction("highErrorRate", s.HighErrorRate, 0);
        Fraction("highErrorSampleRate", s.HighErrorSampleRate, 0.001);
        Fraction("lowErrorRate", s.LowErrorRate, 0);
        Fraction("lowErrorSampleRate", s.LowErrorSampleRate, 0.001);
        Fraction("acceptanceErrorRate", s.AcceptanceErrorRate, 0);
        if (s.NewClerkCases is < 0 or > 100_000)
        {
            errors["newClerkCases"] = [Phrase.Of("quality.settings.count")];
        }
        if (s.LowErrorMinFields is < 0 or > 10_000_000)
        {
            errors["lowErrorMinFields"] = [Phrase.Of("quality.settings.count")];
        }
        if (!errors.ContainsKey("lowErrorRate") && !errors.ContainsKey("highErrorRate") && s.LowErrorRate > s.HighErrorRate)
        {
            errors["lowErrorRate"] = [Phrase.Of("quality.settings.lowAboveHigh")];
        }
        return errors;
    }

    public static async Task SaveAsync(EntryDb db, QualitySettingsDto s, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.QualitySettings.FirstOrDefaultAsync(r => r.Id == 1, ct);
        if (row is null)
        {
            row = new QualitySettingsRecord();
            db.QualitySettings.Add(row);
        }
        row.SampleRate = s.SampleRate;
        row.NewClerkCases = s.NewClerkCases;
        row.NewClerkRate = s.NewClerkRate;
        row.HighErrorRate = s.HighErrorRate;
        row.HighErrorSampleRate = s.HighErrorSampleRate;
        row.LowErrorRate = s.LowErrorRate;
        row.LowErrorMinFields = s.LowErrorMinFields;
        row.LowErrorSampleRate = s.LowErrorSampleRate;
        row.AcceptanceErrorRate = s.AcceptanceErrorRate;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }
}
