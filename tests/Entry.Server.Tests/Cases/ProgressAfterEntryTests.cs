using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Progress;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Cases;

[Collection(MovedClockCollection.Name)]
public sealed class ProgressAfterEntryTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    [Fact]
    public async Task A_stored_case_counts_as_entered_and_a_flagged_one_as_flagged_too()
    {
        var admin = await desk.Factory.AdminAsync();
        var before = (await admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;

        var plain = await desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(desk.NextNumber()));
        var flagged = await desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(desk.NextNumber()) with
        {
            NeedsVerification = true,
            VerificationReason = VerificationReason.Illegible,
        });
        var retried = await desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(desk.NextNumber()) with { Id = (await plain.Content.ReadFromJsonAsync<CaseEntryResult>())!.Id });

        Assert.Equal(HttpStatusCode.Created, flagged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);
        var after = (await admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        Assert.Equal(before.Entered + 2, after.Entered);
        Assert.Equal(before.Flagged + 1, after.Flagged);
        Assert.Equal(before.ByType.Single(t => t.Type == BookType.Birth).Entered + 2, after.ByType.Single(t => t.Type == BookType.Birth).Entered);
        Assert.Equal(before.Target, after.Target);
    }

    [Fact]
    public async Task The_counters_equal_the_cases_stored_for_every_scope_even_under_parallel_submissions()
    {
        var numbers = Enumerable.Range(0, 12).Select(_ => desk.NextNumber()).ToList();
        var answers = await Task.WhenAll(numbers.Select((n, i) => desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(n) with
        {
            NeedsVerification = i % 3 == 0,
            VerificationReason = i % 3 == 0 ? VerificationReason.MissingInformation : null,
        })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));

        var (truth, counters) = await desk.Factory.WithDbAsync(async db =>
        {
            var cases = await db.CaseEntries.Select(e => new { e.BookId, e.Type, e.TeamId, e.ShiftDate, e.Shift, e.NeedsVerification, e.Book!.UnitCode }).ToListAsync();
            var stored = await db.ProgressCounters.ToListAsync();
            return (cases, stored);
        });
        long Entered(string scope) => counters.Where(c => c.Scope == scope).Sum(c => c.Entered);

        Assert.Equal(truth.Count, Entered(ScopeKey.Province.Name));
        Assert.Equal(truth.Count(t => t.NeedsVerification), counters.Where(c => c.Scope == ScopeKey.Province.Name).Sum(c => c.Flagged));
        Assert.All(truth.GroupBy(t => t.BookId), g => Assert.Equal(g.Count(), Entered(ScopeKey.Book(g.Key).Name)));
        Assert.All(truth.GroupBy(t => t.TeamId), g => Assert.Equal(g.Count(), Entered(ScopeKey.Team(g.Key).Name)));
        Assert.All(truth.GroupBy(t => t.UnitCode), g => Assert.Equal(g.Count(), Entered(ScopeKey.Unit(g.Key).Name)));
        Assert.All(truth.GroupBy(t => (t.ShiftDate, t.Shift)), g => Assert.Equal(g.Count(), Entered(ScopeKey.Shift(g.Key.ShiftDate, g.Key.Shift).Name)));
        Assert.All(truth.GroupBy(t => t.ShiftDate), g => Assert.Equal(g.Count(), Entered(ScopeKey.Day(g.Key).Name)));
        Assert.All(truth.GroupBy(t => t.Type), g => Assert.Equal(g.Count(), counters.Where(c => c.Scope == ScopeKey.Province.Name && c.Type == g.Key).Sum(c => c.Entered)));
    }
}
