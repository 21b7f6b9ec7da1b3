using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Entry.Shared.Claims;
using Entry.Shared.Entries;

namespace Entry.Benchmarks;

/// <summary>
/// One simulated clerk: logs the cases of the book it holds one after another, as fast as the server answers, and
/// claims the next book of its team's queue when one is finished.
/// </summary>
internal sealed class EntryLoadClerk(string userName, int teamId, HttpClient http, ClaimedBook firstBook, EntryLoadCases cases)
{
    private readonly List<double> latencies = [];
    private readonly Dictionary<string, int> errors = [];
    private string? firstProblem;

    public string UserName => userName;
    public int TeamId => teamId;
    /// <summary>Latencies (ms) of the case submissions answered inside the measured window.</summary>
    public IReadOnlyList<double> Latencies => latencies;
    /// <summary>Cases stored (201) inside the measured window.</summary>
    public int Stored { get; private set; }
    public int StoredInRun { get; private set; }
    public int BooksFinished { get; private set; }
    /// <summary>Every answer that was not 2xx, by status (or the exception's name), over the whole run.</summary>
    public IReadOnlyDictionary<string, int> Errors => errors;
    /// <summary>The first refused case's problem (never personal data: the server's messages do not quote it).</summary>
    public string? FirstProblem => firstProblem;

    public async Task RunAsync(EntryLoadWindow window, EntryLoadDashboards dashboards)
    {
        ClaimedBook? book = firstBook;
        var next = firstBook.CasesLogged + firstBook.CasesSkipped + 1;
        while (!window.IsOver && book is not null)
        {
            if (next > book.CaseCount)
            {
                BooksFinished++;
                book = await ClaimNextAsync(window);
                next = book is null ? 0 : book.CasesLogged + book.CasesSkipped + 1;
                continue;
            }

            var request = cases.Next(book, next);
            var started = Stopwatch.GetTimestamp();
            CaseEntryResult? result = null;
            HttpStatusCode? status = null;
            try
            {
                using var response = await http.PostAsJsonAsync("/api/entries", request);
                status = response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    result = await response.Content.ReadFromJsonAsync<CaseEntryResult>();
                }
                else
                {
                    firstProblem ??= await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException e)
            {
                Count(e.GetType().Name);
            }
            var answered = Stopwatch.GetTimestamp();
            var measured = window.IsMeasured(started, answered);

            if (result is not null)
            {
                StoredInRun++;
                if (measured)
                {
                    Stored++;
                    latencies.Add(Stopwatch.GetElapsedTime(started, answered).TotalMilliseconds);
                }
                dashboards.Acknowledged(teamId, result.BookCode, result.CasesLogged, result.StoredAt, measured);
                next = result.CasesLogged + result.CasesSkipped >= result.CaseCount ? book.CaseCount + 1 : next + 1;
            }
            else if (status is { } refused)
            {
                Count(((int)refused).ToString(System.Globalization.CultureInfo.InvariantCulture));
                // A used entry number (409) moves on; a lost claim (403) is answered by claiming again.
                if (refused == HttpStatusCode.Forbidden)
                {
                    book = await ClaimNextAsync(window);
                    next = book is null ? 0 : book.CasesLogged + book.CasesSkipped + 1;
                }
                else
                {
                    next++;
                }
            }
        }
    }

    /// <summary>
    /// The same clerk against the bare endpoint: its first book from its first entry number on, the same seed (so the
    /// same sequence of bodies), in a book that does not end within the run (the bare endpoint answers no claims).
    /// </summary>
    public EntryLoadClerk ForBareEndpoint(HttpMessageHandler handler, Uri bare)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = bare, Timeout = http.Timeout };
        // The same header bytes as against the server, though the bare endpoint reads no token.
        client.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        return new(userName, teamId, client, firstBook with { CaseCount = int.MaxValue - 1 }, new EntryLoadCases(cases.Seed, cases.FlagSome));
    }

    private async Task<ClaimedBook?> ClaimNextAsync(EntryLoadWindow window)
    {
        while (!window.IsOver)
        {
            try
            {
                using var response = await http.PostAsync("/api/claims/next", null);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<ClaimedBook>();
                }
                Count(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                // 409: another clerk of the team took the same book at the same moment; anything else ends this clerk's run.
                if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    firstProblem ??= await response.Content.ReadAsStringAsync();
                    return null;
                }
            }
            catch (HttpRequestException e)
            {
                Count(e.GetType().Name);
                return null;
            }
        }
        return null;
    }

    private void Count(string what) => errors[what] = errors.GetValueOrDefault(what) + 1;
}

/// <summary>The run's time line on this machine's clock: a warm-up, then the measured window; the run ends with it.</summary>
internal sealed class EntryLoadWindow(TimeSpan warmUp, TimeSpan measured)
{
    private readonly long start = Stopwatch.GetTimestamp();

    public TimeSpan Measured => measured;
    public bool IsOver => Stopwatch.GetElapsedTime(start) >= warmUp + measured;

    /// <summary>A request started after the warm-up and answered before the end.</summary>
    public bool IsMeasured(long started, long answered) =>
        Stopwatch.GetElapsedTime(start, started) >= warmUp && Stopwatch.GetElapsedTime(start, answered) < warmUp + measured;
}
