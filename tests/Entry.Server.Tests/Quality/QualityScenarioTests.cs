using System.Net;
using System.Net.Http.Json;
using Entry.Server.Features.Quality;
using Entry.Server.Tests.National;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using Entry.Shared.Entries;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Quality;

/// <summary>A finished book's sample keyed blind a second time, compared, arbitrated, and the book accepted or re-keyed in full.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class QualityScenarioTests
{
    /// <summary>Fields compared per birth case: registration date, page and the birth object's seven fields.</summary>
    private const int BirthFields = 9;

    [Fact]
    public async Task Known_keying_errors_give_the_expected_rates_queue_and_acceptance()
    {
        await using var world = await QualityWorld.CreateAsync();

        // A clerk's first 50 cases are all drawn: the whole book.
        var record = await world.RecordAsync();
        var draw = Assert.Single(record.Passes);
        Assert.Equal(Enumerable.Range(1, QualityWorld.Cases), draw.EntryNumbers);
        Assert.Equal(BookQuality.SampleWaiting, record.Quality);
        var queue = (await world.Leader.GetFromJsonAsync<List<QualityQueueItem>>($"/api/teams/{world.TeamId}/quality"))!;
        Assert.Equal((world.Book, 10, 0), (Assert.Single(queue).BookCode, queue[0].Sampled, queue[0].Keyed));

        Assert.Equal(HttpStatusCode.OK, (await world.ClaimAsync(world.SecondKeyer)).StatusCode);
        for (var n = 1; n <= QualityWorld.Cases; n++)
        {
            var second = world.Second(n);
            second = n switch
            {
                // Normalised as at entry: spaces, NFC and a place's letter case are no difference.
                2 => second with { Birth = second.Birth! with { ChildName = "  Quach   Zenhvoa ", PlaceOfBirth = "TRAM Y TE XA ZIBQUAT" } },
                3 => second with { Birth = second.Birth! with { ChildName = "Quach Zenhvoan" } },
                7 => second with { Birth = second.Birth! with { MotherName = "Tran Zolue", DateOfBirth = new DateOnly(1995, 3, 12) } },
                _ => second,
            };
            await world.KeyAsync(second);
        }

        var waiting = await world.ArbitrationAsync();
        Assert.Equal([(3, 1), (7, 2)], waiting.Select(i => (i.EntryNumber, i.DifferingFields)).OrderBy(i => i.EntryNumber));
        Assert.Equal(BookQuality.Arbitration, await world.QualityAsync());
        var details = (await world.Officer.GetFromJsonAsync<ArbitrationDetails>($"/api/quality/items/{waiting.Single(i => i.EntryNumber == 7).ItemId}"))!;
        Assert.Equal(["birth.dateOfBirth", "birth.motherName"], details.Fields.Where(f => f.Differs).Select(f => f.Field).Order());
        Assert.Equal((world.First(7).Page, 7, "nat-o1", "nat-o2"), (details.Page, details.EntryNumber, details.FirstClerkUserName, details.SecondKeyerUserName));

        // Entry 3: the second keyer read the paper right (1 field of the first keying wrong); entry 7: the first did.
        var item3 = waiting.Single(i => i.EntryNumber == 3);
        var item7 = waiting.Single(i => i.EntryNumber == 7);
        var decided3 = await world.Officer.PostAsJsonAsync($"/api/quality/items/{item3.ItemId}/decide", new ArbitrationDecision { Choice = ArbitrationChoice.Second });
        Assert.Equal(HttpStatusCode.OK, decided3.StatusCode);
        Assert.Equal(1, (await decided3.Content.ReadFromJsonAsync<ArbitrationOutcome>())!.FieldsWrong);
        var decided7 = await world.Officer.PostAsJsonAsync($"/api/quality/items/{item7.ItemId}/decide", new ArbitrationDecision { Choice = ArbitrationChoice.First });
        var outcome7 = (await decided7.Content.ReadFromJsonAsync<ArbitrationOutcome>())!;
        Assert.Equal((0, BookQuality.Accepted), (outcome7.FieldsWrong, outcome7.BookQuality));

        // The decision became the case, with its history.
        var case3 = (await world.Officer.GetFromJsonAsync<CaseEntryDetails>($"/api/entries/{item3.EntryId}"))!;
        Assert.Equal("Quach Zenhvoan", case3.Birth!.ChildName);
        var revision = Assert.Single(case3.History);
        Assert.Equal((RevisionKind.Arbitrated, "nat-c2"), (revision.Kind, revision.ChangedByUserName));
        Assert.Equal(1, (await world.Officer.GetFromJsonAsync<CaseEntryDetails>($"/api/entries/{item7.EntryId}"))!.Version);

        var pass = Assert.Single((await world.RecordAsync()).Passes);
        Assert.Equal((QualityPassState.Passed, 10 * BirthFields, 1), (pass.State, pass.FieldsCompared, pass.FieldsWrong));
        Assert.Empty(await world.ArbitrationAsync());
        Assert.Empty((await world.Leader.GetFromJsonAsync<List<QualityQueueItem>>($"/api/teams/{world.TeamId}/quality"))!);

        var figures = (await world.Leader.GetFromJsonAsync<QualityFigures>("/api/quality/figures"))!;
        var clerk = Assert.Single(figures.Clerks);
        Assert.Equal(("nat-o1", 90, 1, 11.11, 10, 2, 1, 0), (clerk.Key, clerk.FieldsCompared, clerk.FieldsWrong, clerk.ErrorsPerThousand, clerk.CasesCompared,
            clerk.CasesArbitrated, clerk.BooksAccepted, clerk.BooksFailed));
        // Every case drawn at rate 1: the estimate is exact.
        Assert.Equal((1 - 1 / 90.0, 1 - 1 / 90.0), (clerk.AccuracyLow!.Value, clerk.AccuracyHigh!.Value), new ToleranceComparer(1e-6));
        Assert.Equal(90, Assert.Single(figures.Teams).FieldsCompared);
        await FiguresAreScopedAsync(world);
    }

    /// <summary>A clerk sees their own figures; a leader their team's clerks; monitors the province and teams, never named clerks.</summary>
    private static async Task FiguresAreScopedAsync(QualityWorld world)
    {
        var factory = world.National.Factory;
        var own = (await world.FirstKeyer.GetFromJsonAsync<QualityFigures>("/api/quality/figures"))!;
        Assert.Equal(["nat-o1"], own.Clerks.Select(c => c.Key));
        Assert.Empty(own.Teams);
        Assert.Null(own.Province);
        var other = (await world.SecondKeyer.GetFromJsonAsync<QualityFigures>("/api/quality/figures"))!;
        Assert.Empty(other.Clerks);

        var monitor = await factory.ClientAsAsync(Entry.Shared.Auth.Roles.Monitor, "q-monitor");
        var province = (await monitor.GetFromJsonAsync<QualityFigures>("/api/quality/figures"))!;
        Assert.Equal(90, province.Province!.FieldsCompared);
        Assert.Equal(1, province.Province.BooksAccepted);
        Assert.Contains(province.Teams, t => t.FieldsCompared == 90);
        Assert.Empty(province.Clerks);

        var district = await factory.ClientAsAsync(Entry.Shared.Auth.Roles.Monitor, "q-monitor689");
        await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "q-monitor689").ExecuteUpdateAsync(s => s.SetProperty(u => u.UnitCode, "689")));
        var elsewhere = (await district.GetFromJsonAsync<QualityFigures>("/api/quality/figures"))!;
        Assert.Null(elsewhere.Province);
        Assert.Empty(elsewhere.Teams);
        Assert.Empty(elsewhere.Clerks);
        Assert.DoesNotContain(elsewhere.Units, u => u.FieldsCompared > 0);

        var dashboard = await monitor.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/dashboard");
        Assert.Equal(1 - 1 / 90.0, dashboard.GetProperty("quality").GetProperty("accuracy").GetDouble(), 6);
    }

    [Fact]
    public async Task A_book_with_too_many_wrong_fields_is_re_keyed_in_full_until_it_passes()
    {
        await using var world = await QualityWorld.CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await world.ClaimAsync(world.SecondKeyer)).StatusCode);
        for (var n = 1; n <= QualityWorld.Cases; n++)
        {
            var second = world.Second(n);
            await world.KeyAsync(n <= 3 ? second with { Page = second.Page + 1 } : second);
        }
        foreach (var item in await world.ArbitrationAsync())
        {
            var decided = await world.Officer.PostAsJsonAsync($"/api/quality/items/{item.ItemId}/decide", new ArbitrationDecision { Choice = ArbitrationChoice.Second });
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        // 3 wrong fields of 90 (3.3 %) is above 2 %: failed, and every logged entry drawn again.
        var record = await world.RecordAsync();
        Assert.Equal(BookQuality.FailedRekeying, record.Quality);
        Assert.Equal([(1, false, QualityPassState.Failed), (2, true, QualityPassState.Keying)], record.Passes.Select(p => (p.Round, p.Full, p.State)));
        Assert.Equal(Enumerable.Range(1, QualityWorld.Cases), record.Passes[1].EntryNumbers);
        var books = (await world.Admin.GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"/api/teams/{world.TeamId}/quality"))!;
        Assert.Equal("failedRekeying", Assert.Single(books).GetProperty("quality").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await world.ClaimAsync(world.FirstKeyer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.ClaimAsync(world.SecondKeyer)).StatusCode);
        for (var n = 1; n <= QualityWorld.Cases; n++)
        {
            var second = world.Second(n);
            await world.KeyAsync(n <= 3 ? second with { Page = second.Page + 1 } : second);
        }
        Assert.Equal(BookQuality.Accepted, await world.QualityAsync());
        var figures = (await world.Admin.GetFromJsonAsync<QualityFigures>("/api/quality/figures"))!;
        Assert.Equal((1, 1), (figures.Province!.BooksAccepted, figures.Province.BooksFailed));
        Assert.Equal(3, figures.Clerks.Single(c => c.Key == "nat-o1").FieldsWrong);
    }

    [Fact]
    public async Task The_draw_is_reproducible_from_its_seed_and_rates_and_the_rate_follows_the_clerk()
    {
        // New clerks are not drawn in full here; a clerk with no measure is drawn at the book rate.
        await using var world = await QualityWorld.CreateAsync(new QualitySettingsDto { NewClerkCases = 0, SampleRate = 0.3, LowErrorMinFields = 5 });

        var draw = Assert.Single((await world.RecordAsync()).Passes);
        Assert.Equal(0.3, draw.RateByClerk["nat-o1"]);
        Assert.NotEmpty(draw.EntryNumbers);
        Assert.Equal(draw.EntryNumbers, SampleDraw.Draw(draw.Seed, Enumerable.Range(1, QualityWorld.Cases).Select(n => (n, draw.RateByClerk["nat-o1"])).ToList()));

        // Clean keying measured over enough fields: the low rate; a clerk above 2 % wrong: the high rate.
        Assert.Equal(0.02, ClerkRates.ForMeasure(new QualitySettingsDto { LowErrorMinFields = 5 }, 90, 0));
        Assert.Equal(0.20, ClerkRates.ForMeasure(new QualitySettingsDto(), 90, 2));
        Assert.Equal(0.05, ClerkRates.ForMeasure(new QualitySettingsDto(), 400, 0));
        Assert.Equal(0.02, ClerkRates.ForMeasure(new QualitySettingsDto(), 500, 2));
        Assert.Equal(0.05, ClerkRates.ForMeasure(new QualitySettingsDto(), 500, 3));
        Assert.Equal(Enumerable.Range(1, 40).Select(n => SampleDraw.Uniform(42, n)), Enumerable.Range(1, 40).Select(n => SampleDraw.Uniform(42, n)));
        Assert.Single(SampleDraw.Draw(7, [(1, 0.0001), (2, 0.0001)]));
    }

    [Fact]
    public async Task An_arbiter_decision_on_a_synced_case_reaches_the_national_database_as_one_update()
    {
        await using var world = await QualityWorld.CreateAsync();
        await world.National.AllSyncedAsync(QualityWorld.Cases);
        Assert.Equal(HttpStatusCode.OK, (await world.ClaimAsync(world.SecondKeyer)).StatusCode);
        for (var n = 1; n <= QualityWorld.Cases; n++)
        {
            var second = world.Second(n);
            await world.KeyAsync(n == 5 ? second with { Birth = second.Birth! with { FatherName = "Nguyen Van Minhh" } } : second);
        }
        var item = Assert.Single(await world.ArbitrationAsync());

        var typed = world.First(5) with { Birth = world.First(5).Birth! with { FatherName = "Nguyen Van Manh" } };
        var decided = await world.Officer.PostAsJsonAsync($"/api/quality/items/{item.ItemId}/decide",
            new ArbitrationDecision { Choice = ArbitrationChoice.Typed, Value = typed });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        await world.National.AllSyncedAsync(QualityWorld.Cases);
        await Local.EventuallyAsync(async () => (await world.National.Stub.StatsAsync()).Updated == 1, "the update sent");
        Assert.Single(await world.National.Stub.AttemptsAsync(NationalWorld.KeyOf(item.EntryId, 2)));
        await Task.Delay(500);
        Assert.Equal(1, (await world.National.Stub.StatsAsync()).Updated);
        var held = (await world.National.Stub.HoldingsAsync(world.Book)).Records;
        Assert.Equal(QualityWorld.Cases, held.Count);
    }
}

internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
{
    public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;

    public int GetHashCode((double, double) obj) => 0;
}
