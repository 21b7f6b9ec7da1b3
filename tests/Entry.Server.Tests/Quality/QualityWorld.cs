using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.National;
using Entry.Server.Tests.Support;
using Entry.Shared.Entries;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Quality;

/// <summary>
/// The national world (team "nat", its clerks and officers rostered on shift 1, a national stub) with one book of
/// <see cref="Cases"/> birth cases held by nat-o1, who keys it in full: its cases carry ASCII marker names, so a body that
/// leaks them is found however its JSON escapes text. nat-o2 is the second keyer, nat-c2 and the leader the arbiters.
/// </summary>
public sealed class QualityWorld : IAsyncDisposable
{
    public const int Cases = 10;
    public const string MarkerChild = "Quach Zenhvoa";
    public const string MarkerMother = "Tran Zolua";
    public const string MarkerPlace = "Tram y te xa Zibquat";

    private QualityWorld(NationalWorld national) => National = national;

    public NationalWorld National { get; }
    public string Book => National.Books[0];
    public int TeamId => National.TeamId;
    public HttpClient FirstKeyer => National.Clerks[0];
    public HttpClient SecondKeyer { get; private set; } = null!;
    public HttpClient Officer => National.Officer;
    public HttpClient Leader { get; private set; } = null!;
    public HttpClient Admin => National.Admin;
    public List<CaseEntryRequest> FirstKeyings { get; } = [];

    public static async Task<QualityWorld> CreateAsync(QualitySettingsDto? settings = null, int skipLast = 0)
    {
        var world = new QualityWorld(await NationalWorld.CreateAsync(clerks: 1, casesPerBook: Cases));
        world.SecondKeyer = await world.National.Factory.SignedInClientAsync("nat-o2", EntryFactory.Password);
        world.Leader = await world.National.Factory.SignedInClientAsync("nat-lead", EntryFactory.Password);
        if (settings is not null)
        {
            (await world.Admin.PutAsJsonAsync("/api/quality/settings", settings)).EnsureSuccessStatusCode();
        }
        for (var n = 1; n <= Cases - skipLast; n++)
        {
            world.FirstKeyings.Add(await world.National.LogAsync(0, world.First(n)));
        }
        for (var n = Cases - skipLast + 1; n <= Cases; n++)
        {
            var skipped = await world.FirstKeyer.PostAsJsonAsync("/api/entries/skip",
                new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = world.Book, EntryNumber = n, Reason = SkipReason.PageMissing });
            Assert.True(skipped.IsSuccessStatusCode, await skipped.Content.ReadAsStringAsync());
        }
        return world;
    }

    /// <summary>The first keying of entry <paramref name="n"/>.</summary>
    public CaseEntryRequest First(int n) => National.Birth(0, n) with
    {
        Birth = new BirthCase
        {
            ChildName = MarkerChild, Sex = Sex.Female, DateOfBirth = new DateOnly(1995, 3, 2), PlaceOfBirth = MarkerPlace,
            MotherName = MarkerMother, FatherName = "Nguyen Van Minh",
        },
    };

    /// <summary>What the second keyer types for entry <paramref name="n"/>: the paper as the first keyer read it, under a new id.</summary>
    public CaseEntryRequest Second(int n) => First(n) with { Id = Guid.NewGuid() };

    public async Task<HttpResponseMessage> ClaimAsync(HttpClient client) => await client.PostAsync($"/api/quality/books/{Book}/claim", null);

    public async Task KeyAsync(CaseEntryRequest request)
    {
        var keyed = await SecondKeyer.PostAsJsonAsync("/api/quality/entries", request);
        Assert.True(keyed.StatusCode == HttpStatusCode.Created, $"{keyed.StatusCode} {await keyed.Content.ReadAsStringAsync()}");
    }

    public async Task<BookQualityRecord> RecordAsync() => (await Admin.GetFromJsonAsync<BookQualityRecord>($"/api/quality/books/{Book}"))!;

    public async Task<List<ArbitrationItem>> ArbitrationAsync() =>
        (await Officer.GetFromJsonAsync<List<ArbitrationItem>>($"/api/teams/{TeamId}/arbitration"))!;

    public Task<BookQuality> QualityAsync() => National.Factory.WithDbAsync(db => db.Books.Where(b => b.Code == Book).Select(b => b.Quality).SingleAsync());

    public async ValueTask DisposeAsync() => await National.DisposeAsync();
}
