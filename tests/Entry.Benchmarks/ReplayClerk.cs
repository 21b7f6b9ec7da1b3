using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Entry.Shared.Claims;
using Entry.Shared.Entries;

namespace Entry.Benchmarks;

/// <summary>
/// One clerk of the replay: claims the next book of its team's queue (<c>POST /api/claims/next</c>), logs every entry
/// of it until the book is finished, and claims again, until the queue is empty or the replay's book budget is spent.
/// A request that fails on the way (timeout, connection, 5xx, 429) is sent again with the same id and body, as the
/// clerk's page does: the server answers a retry with the first result, so a case is logged once.
/// </summary>
internal sealed class ReplayClerk(string userName, int teamId, HttpClient http, EntryLoadCases cases, ReplayBudget budget)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);
    private const int MaxAttempts = 20;

    private readonly List<Guid> acknowledged = [];
    private readonly List<(string Code, int CaseCount)> finished = [];
    private readonly Dictionary<string, int> errors = [];
    private int logged;

    public string UserName => userName;
    public int TeamId => teamId;
    /// <summary>Ids of the cases the server acknowledged (201, or 200 for a retry it had already stored).</summary>
    public IReadOnlyList<Guid> Acknowledged => acknowledged;
    public IReadOnlyList<(string Code, int CaseCount)> Finished => finished;
    /// <summary>Cases acknowledged so far (read while the clerk runs).</summary>
    public int Logged => Volatile.Read(ref logged);
    public bool Done { get; private set; }
    /// <summary>Why the clerk stopped: the queue was empty, the budget spent, or a refusal it cannot act on.</summary>
    public string? StoppedBy { get; private set; }
    public IReadOnlyDictionary<string, int> Errors => errors;
    public List<double> Latencies { get; } = [];

    public async Task RunAsync()
    {
        try
        {
            while (await ClaimAsync() is { } book)
            {
                for (var entry = book.CasesLogged + book.CasesSkipped + 1; entry <= book.CaseCount; entry++)
                {
                    if (!await LogAsync(cases.Next(book, entry)))
                    {
                        return;
                    }
                }
                finished.Add((book.Code, book.CaseCount));
            }
        }
        finally
        {
            Done = true;
        }
    }

    private async Task<ClaimedBook?> ClaimAsync()
    {
        if (!budget.TryTake())
        {
            StoppedBy = "book budget spent";
            return null;
        }
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                using var response = await http.PostAsync("/api/claims/next", null);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<ClaimedBook>();
                }
                Count(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    StoppedBy = "queue empty";
                    budget.Return();
                    return null;
                }
                if (response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests) && (int)response.StatusCode < 500)
                {
                    StoppedBy = $"claim refused {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    budget.Return();
                    return null;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Count(e.GetType().Name);
            }
            await Task.Delay(RetryPause);
        }
        StoppedBy = "claims kept failing";
        budget.Return();
        return null;
    }

    private async Task<bool> LogAsync(CaseEntryRequest request)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.PostAsJsonAsync("/api/entries", request);
                if (response.IsSuccessStatusCode)
                {
                    Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    acknowledged.Add(request.Id);
                    Interlocked.Increment(ref logged);
                    return true;
                }
                Count(response.StatusCode);
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    // A refusal (the claim lost at shift close, a used number): the replay cannot go on with this book.
                    StoppedBy = $"entry refused {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    return false;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Count(e.GetType().Name);
            }
            await Task.Delay(RetryPause);
        }
        StoppedBy = "entries kept failing";
        return false;
    }

    private void Count(HttpStatusCode status) => Count(((int)status).ToString(CultureInfo.InvariantCulture));

    private void Count(string what) => errors[what] = errors.GetValueOrDefault(what) + 1;
}

/// <summary>How many books the replay may still claim (the whole province by default; <c>--books n</c> for a part).</summary>
internal sealed class ReplayBudget(int books)
{
    private int left = books;

    public bool TryTake() => Interlocked.Decrement(ref left) >= 0 || Return();

    public bool Return()
    {
        Interlocked.Increment(ref left);
        return false;
    }
}
