using System.Text.Json;
using Entry.Server.Data;
using Entry.Server.Features.Cases;
using Entry.Shared.Entries;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>
/// When a book is finished, in the transaction that finishes it: its sample is drawn (round 1) and recorded with the book.
/// A full re-key (a later round) is drawn the same way at rate 1 for every logged entry.
/// </summary>
public sealed class QualityDrawer(Microsoft.Extensions.Options.IOptions<QualityOptions> options) : IBookFinishedHandler
{
    public async Task FinishedAsync(CaseBatch batch, IReadOnlyList<int> bookIds, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var db = batch.Db;
        var drawn = await db.QualityPasses.AsNoTracking().Where(p => bookIds.Contains(p.BookId)).Select(p => p.BookId).Distinct().ToListAsync(ct);
        var settings = await QualitySettingsStore.ReadAsync(db, ct);
        foreach (var bookId in bookIds.Except(drawn))
        {
            await DrawAsync(db, bookId, round: 1, full: false, settings, batch.Now, ct);
        }
    }

    /// <summary>Adds the pass and its items to the context (the caller saves); the book's quality follows.</summary>
    public static async Task<QualityPass?> DrawAsync(EntryDb db, int bookId, int round, bool full, QualitySettingsDto settings, DateTimeOffset now,
        CancellationToken ct)
    {
        var book = await db.Books.AsNoTracking().Where(b => b.Id == bookId).Select(b => new { b.Id, b.TeamId }).SingleAsync(ct);
        var entries = await db.CaseEntries.AsNoTracking()
            .Where(e => e.BookId == bookId && e.Status != CaseStatus.Skipped)
            .Select(e => new { e.Id, e.EntryNumber, e.ClerkId, e.TeamId })
            .ToListAsync(ct);
        if (entries.Count == 0)
        {
            return null;
        }
        var rates = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var newClerk = new SortedSet<int>();
        if (!full)
        {
            foreach (var clerk in entries.Select(e => e.ClerkId).Distinct())
            {
                var (compared, wrong) = await ClerkRates.MeasureAsync(db, clerk, ct);
                rates[clerk] = ClerkRates.ForMeasure(settings, compared, wrong);
                var first = await ClerkRates.FirstCasesAsync(db, clerk, settings.NewClerkCases, ct);
                foreach (var entry in entries.Where(e => e.ClerkId == clerk && first.Contains(e.Id)))
                {
                    newClerk.Add(entry.EntryNumber);
                }
            }
        }
        double RateOf(int number, string clerk) => full ? 1 : newClerk.Contains(number) ? settings.NewClerkRate : rates[clerk];

        var seed = SampleDraw.NewSeed();
        var numbers = SampleDraw.Draw(seed, entries.Select(e => (e.EntryNumber, RateOf(e.EntryNumber, e.ClerkId))).ToList()).ToHashSet();
        var pass = new QualityPass
        {
            BookId = bookId,
            TeamId = book.TeamId ?? entries[0].TeamId,
            Round = round,
            Full = full,
            Seed = seed,
            Rates = JsonSerializer.Serialize(new DrawRates(rates, full ? 1 : settings.NewClerkRate, newClerk.ToList())),
            DrawnAt = now,
        };
        db.QualityPasses.Add(pass);
        foreach (var entry in entries.Where(e => numbers.Contains(e.EntryNumber)).OrderBy(e => e.EntryNumber))
        {
            db.QualityItems.Add(new QualityItem
            {
                Pass = pass, PassId = 0, BookId = bookId, EntryNumber = entry.EntryNumber, EntryId = entry.Id, FirstClerkId = entry.ClerkId,
                FirstTeamId = entry.TeamId, Rate = Math.Min(1, RateOf(entry.EntryNumber, entry.ClerkId)),
            });
        }
        var quality = full ? BookQuality.FailedRekeying : BookQuality.SampleWaiting;
        await db.Books.Where(b => b.Id == bookId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Quality, quality), ct);
        return pass;
    }
}

/// <summary>What a draw kept besides its seed: each clerk's rate, and the entries drawn at the new-clerk rate.</summary>
public sealed record DrawRates(IDictionary<string, double> ByClerk, double NewClerkRate, List<int> NewClerkEntries);
