using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.Server.Tests.Auth;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Entries;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Quality;

/// <summary>The second keyer sees nothing of the first keying, by any endpoint, before their own is stored; bad input and races are clear problems.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class BlindKeyingTests
{
    private static readonly string[] Markers = ["Zenhvoa", "Zolua", "Zibquat"];

    [Fact]
    public async Task No_endpoint_the_second_keyer_may_call_shows_the_first_keying()
    {
        await using var world = await QualityWorld.CreateAsync();
        var claimed = await world.ClaimAsync(world.SecondKeyer);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.DoesNotContain(Markers, m => Contains(claimed, m).Result);
        var pass = (await claimed.Content.ReadFromJsonAsync<HeldQualityPass>())!;
        Assert.Equal(Enumerable.Range(1, QualityWorld.Cases), pass.EntryNumbers);

        // One entry keyed differently: the answer to it must not give the first keying away either.
        var second = world.Second(1) with
        {
            Birth = new BirthCase
            {
                ChildName = "Le Thi Abc", Sex = Sex.Female, DateOfBirth = new DateOnly(1995, 3, 2), PlaceOfBirth = "Xa Long Giang",
                MotherName = "Le Thi Xyz", FatherName = "Nguyen Van Minh",
            },
        };
        var keyed = await world.SecondKeyer.PostAsJsonAsync("/api/quality/entries", second);
        Assert.Equal(HttpStatusCode.Created, keyed.StatusCode);
        Assert.DoesNotContain(Markers, m => Contains(keyed, m).Result);

        var caseId = world.FirstKeyings[0].Id;
        var itemId = await world.National.Factory.WithDbAsync(db => db.QualityItems.Where(i => i.EntryId == caseId).Select(i => i.Id).SingleAsync());
        var document = await world.Admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var walked = new List<string>();
        foreach (var operation in ApiOperation.ReadAll(document).Where(o => o.Method == "GET"))
        {
            var url = Fill(operation, world, caseId, itemId);
            var response = await world.SecondKeyer.GetAsync(url);
            walked.Add($"{url} {(int)response.StatusCode}");
            foreach (var marker in Markers)
            {
                Assert.False(await Contains(response, marker), $"{url} answers {marker} to the second keyer");
            }
        }
        Assert.Contains(walked, w => w.StartsWith("/api/quality/mine 200", StringComparison.Ordinal));
        Assert.Contains(walked, w => w.StartsWith($"/api/entries/{caseId} 403", StringComparison.Ordinal));
        Assert.Contains(walked, w => w.StartsWith($"/api/quality/items/{itemId} 403", StringComparison.Ordinal));
        Assert.True(walked.Count > 40, string.Join("\n", walked));

        // Holding a quality pass is holding a book; the shift's close ends it like any claim.
        var another = await world.SecondKeyer.PostAsync("/api/claims/next", null);
        Assert.Equal((HttpStatusCode.Conflict, "claim.alreadyHolding"), (another.StatusCode, await CodeAsync(another)));
        await using (var scope = world.National.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Entry.Server.Features.Quality.SecondKeying>()
                .ReleaseShiftAsync(world.National.Factory.Day, 1, CancellationToken.None);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await world.SecondKeyer.GetAsync("/api/quality/mine")).StatusCode);
        var afterClose = await world.SecondKeyer.PostAsJsonAsync("/api/quality/entries", world.Second(2));
        Assert.Equal((HttpStatusCode.Forbidden, "quality.noClaim"), (afterClose.StatusCode, await CodeAsync(afterClose)));
    }

    [Fact]
    public async Task Bad_second_keyings_and_racing_decisions_are_clear_problems_with_nothing_half_written()
    {
        await using var world = await QualityWorld.CreateAsync(skipLast: 1);

        // The first keyer and the arbiters do not re-key; nobody keys without the claim.
        var own = await world.ClaimAsync(world.FirstKeyer);
        Assert.Equal((HttpStatusCode.Forbidden, "quality.ownEntries"), (own.StatusCode, await CodeAsync(own)));
        var officer = await world.ClaimAsync(world.Officer);
        Assert.Equal((HttpStatusCode.Forbidden, "quality.arbiterMayNotRekey"), (officer.StatusCode, await CodeAsync(officer)));
        var unclaimed = await world.FirstKeyer.PostAsJsonAsync("/api/quality/entries", world.Second(1));
        Assert.Equal((HttpStatusCode.Forbidden, "quality.noClaim"), (unclaimed.StatusCode, await CodeAsync(unclaimed)));

        Assert.Equal(HttpStatusCode.OK, (await world.ClaimAsync(world.SecondKeyer)).StatusCode);
        var notDrawn = await world.SecondKeyer.PostAsJsonAsync("/api/quality/entries", world.Second(QualityWorld.Cases));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notDrawn.StatusCode);
        Assert.Contains("entryNumber", (await TeamSetupProblem(notDrawn)));
        var invalid = await world.SecondKeyer.PostAsJsonAsync("/api/quality/entries", world.Second(1) with { Page = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("page", await TeamSetupProblem(invalid));

        var first = world.Second(1) with { Birth = world.Second(1).Birth! with { ChildName = "Quach Zenhvoe" } };
        Assert.Equal(HttpStatusCode.Created, (await world.SecondKeyer.PostAsJsonAsync("/api/quality/entries", first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.SecondKeyer.PostAsJsonAsync("/api/quality/entries", first)).StatusCode);
        var twice = await world.SecondKeyer.PostAsJsonAsync("/api/quality/entries", world.Second(1));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        for (var n = 2; n < QualityWorld.Cases; n++)
        {
            await world.KeyAsync(n == 2 ? world.Second(n) with { Page = 99 } : world.Second(n));
        }
        var items = await world.ArbitrationAsync();
        Assert.Equal(2, items.Count);

        // The second keyer may not read what they are compared with, nor decide.
        Assert.Equal(HttpStatusCode.Forbidden, (await world.SecondKeyer.GetAsync($"/api/quality/items/{items[0].ItemId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.SecondKeyer.PostAsJsonAsync($"/api/quality/items/{items[0].ItemId}/decide",
            new ArbitrationDecision { Choice = ArbitrationChoice.First })).StatusCode);
        var noChoice = await world.Officer.PostAsJsonAsync($"/api/quality/items/{items[0].ItemId}/decide", new ArbitrationDecision());
        Assert.Contains("choice", await TeamSetupProblem(noChoice));
        var typedWithout = await world.Officer.PostAsJsonAsync($"/api/quality/items/{items[0].ItemId}/decide", new ArbitrationDecision { Choice = ArbitrationChoice.Typed });
        Assert.Contains("value", await TeamSetupProblem(typedWithout));

        // Two arbiters at once: one decision, the other a conflict (the same choice, so the book's outcome below is fixed).
        var racing = items.Single(i => i.EntryNumber == 1);
        var version = (await world.Officer.GetFromJsonAsync<ArbitrationDetails>($"/api/quality/items/{racing.ItemId}"))!.CaseVersion;
        var both = await Task.WhenAll(
            Decide(world.Officer, racing.ItemId, ArbitrationChoice.First, version),
            Decide(world.Leader, racing.ItemId, ArbitrationChoice.First, version));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());

        // A case corrected meanwhile: the decision on the version read is refused, nothing of it stored.
        var stale = items.Single(i => i.EntryNumber == 2);
        var read = (await world.Officer.GetFromJsonAsync<ArbitrationDetails>($"/api/quality/items/{stale.ItemId}"))!;
        var corrected = await world.Officer.PutAsJsonAsync($"/api/entries/{stale.EntryId}", world.First(2) with { Id = stale.EntryId, Page = 98 });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var refused = await Decide(world.Officer, stale.ItemId, ArbitrationChoice.Second, read.CaseVersion);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        var after = (await world.Officer.GetFromJsonAsync<ArbitrationDetails>($"/api/quality/items/{stale.ItemId}"))!;
        Assert.Equal((QualityItemState.Differs, 98), (after.State, after.First.Page));

        Assert.Equal(HttpStatusCode.OK, (await Decide(world.Officer, stale.ItemId, ArbitrationChoice.Second, after.CaseVersion)).StatusCode);
        Assert.Equal(BookQuality.Accepted, await world.QualityAsync());
        var late = await world.SecondKeyer.PostAsJsonAsync("/api/quality/entries", world.Second(3));
        Assert.Equal((HttpStatusCode.Conflict, "quality.bookAccepted"), (late.StatusCode, await CodeAsync(late)));
        Assert.Equal(HttpStatusCode.Conflict, (await world.ClaimAsync(world.SecondKeyer)).StatusCode);
    }

    private static Task<HttpResponseMessage> Decide(HttpClient client, long itemId, ArbitrationChoice choice, int version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/quality/items/{itemId}/decide") { Content = JsonContent.Create(new ArbitrationDecision { Choice = choice }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;

    private static async Task<HashSet<string>> TeamSetupProblem(HttpResponseMessage response) => (await Teams.TeamSetup.ProblemAsync(response)).Fields;

    private static async Task<bool> Contains(HttpResponseMessage response, string marker) =>
        (await response.Content.ReadAsStringAsync()).Contains(marker, StringComparison.OrdinalIgnoreCase);

    private static string Fill(ApiOperation operation, QualityWorld world, Guid caseId, long itemId)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var value = parameter.Name switch
            {
                "teamId" => world.TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "bookCode" => world.Book,
                "id" when path.StartsWith("/api/quality/items", StringComparison.Ordinal) => itemId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "id" when parameter.Format == "uuid" => caseId.ToString(),
                "code" => "70",
                "userName" => "nat-o1",
                "date" => world.National.Factory.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => "1",
            };
            path = path.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal);
        }
        var query = operation.Parameters.Where(p => p.In == "query" && p.Name is "bookCode" or "teamId")
            .Select(p => $"{p.Name}={(p.Name == "bookCode" ? world.Book : world.TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        return query.Any() ? $"{path}?{string.Join('&', query)}" : path;
    }
}
