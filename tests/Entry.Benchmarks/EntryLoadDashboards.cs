using Entry.Shared.Live;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Entry.Benchmarks;

/// <summary>
/// The live dashboards of a load run: real SignalR connections (WebSockets) subscribed to the province (a tenth of them
/// to a team of the clerks), each timing how long after a case was stored its book's line reaches it: from the case's
/// <c>StoredAt</c> (the server's clock, less the clock offset the run gave it: the same machine's clock) to the arrival of
/// the first <c>casesLogged</c> line of its book at or above its count.
/// </summary>
internal sealed class EntryLoadDashboards : IAsyncDisposable
{
    private readonly List<Dashboard> dashboards;
    private readonly TimeSpan serverClockOffset;

    private EntryLoadDashboards(List<Dashboard> dashboards, TimeSpan serverClockOffset)
    {
        this.dashboards = dashboards;
        this.serverClockOffset = serverClockOffset;
    }

    public int Count => dashboards.Count;
    public int TeamScoped => dashboards.Count(d => d.TeamId is not null);
    /// <summary>Connections still connected now (a dropped one would miss deliveries).</summary>
    public int Connected => dashboards.Count(d => d.IsConnected);

    /// <summary>
    /// Connects and subscribes <paramref name="count"/> dashboards, ten at a time, taking turns with the tokens; each
    /// subscription answers the scope's snapshot, so a dashboard counted here is connected for real.
    /// </summary>
    public static async Task<EntryLoadDashboards> ConnectAsync(Uri server, int count, IReadOnlyList<string> tokens, IReadOnlyList<int> teamIds,
        TimeSpan serverClockOffset)
    {
        var teamScoped = teamIds.Count == 0 ? 0 : count / 10;
        var dashboards = Enumerable.Range(0, count)
            .Select(i => new Dashboard(i < teamScoped ? teamIds[i % teamIds.Count] : null))
            .ToList();
        var all = new EntryLoadDashboards(dashboards, serverClockOffset);
        using var gate = new SemaphoreSlim(10);
        await Task.WhenAll(dashboards.Select(async (dashboard, i) =>
        {
            await gate.WaitAsync();
            try
            {
                await dashboard.ConnectAsync(server, tokens[i % tokens.Count]);
            }
            finally
            {
                gate.Release();
            }
        }));
        return all;
    }

    /// <summary>A case acknowledged to a clerk: every dashboard that follows its team waits for its book's count.</summary>
    public void Acknowledged(int teamId, string bookCode, int casesLogged, DateTimeOffset storedAt, bool measured)
    {
        var storedTicks = (storedAt - serverClockOffset).UtcTicks;
        foreach (var dashboard in dashboards)
        {
            if (dashboard.TeamId is null || dashboard.TeamId == teamId)
            {
                dashboard.Acknowledged(bookCode, casesLogged, storedTicks, measured);
            }
        }
    }

    /// <summary>Delivery lags (ms) of the measured cases, over all dashboards; measured cases never delivered; batches received.</summary>
    public (List<double> LagsMs, int Undelivered, long Batches) Results()
    {
        var lags = new List<double>();
        var undelivered = 0;
        long batches = 0;
        foreach (var dashboard in dashboards)
        {
            var (own, missing, received) = dashboard.Results();
            lags.AddRange(own);
            undelivered += missing;
            batches += received;
        }
        return (lags, undelivered, batches);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(dashboards.Select(d => d.DisposeAsync().AsTask()));
    }

    private sealed class Dashboard(int? teamId) : IAsyncDisposable
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, BookWatch> books = [];
        private readonly List<double> lags = [];
        private long batches;
        private HubConnection? connection;

        public int? TeamId => teamId;
        public bool IsConnected => connection?.State == HubConnectionState.Connected;

        public async Task ConnectAsync(Uri server, string token)
        {
            connection = new HubConnectionBuilder()
                .WithUrl(new Uri(server, SprintHub.Path), o =>
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.On<CasesLoggedBatch>(nameof(ISprintClient.CasesLogged), Received);
            await connection.StartAsync();
            var scope = teamId is { } id ? ScopeKey.Team(id).Name : ScopeKey.Province.Name;
            await connection.InvokeAsync<ProgressSnapshot>(SprintHub.Subscribe, scope);
        }

        public void Acknowledged(string bookCode, int casesLogged, long storedTicks, bool measured)
        {
            lock (gate)
            {
                var watch = Watch(bookCode);
                if (watch.Seen >= casesLogged)
                {
                    // The batch overtook the HTTP answer: it arrived with the first line at or above this count.
                    if (measured)
                    {
                        lags.Add(Math.Max(0, TimeSpan.FromTicks(watch.ArrivalOf(casesLogged) - storedTicks).TotalMilliseconds));
                    }
                    return;
                }
                watch.Pending.Enqueue((casesLogged, storedTicks, measured));
            }
        }

        private void Received(CasesLoggedBatch batch)
        {
            var now = DateTimeOffset.UtcNow.UtcTicks;
            lock (gate)
            {
                batches++;
                foreach (var line in batch.Books)
                {
                    var watch = Watch(line.BookCode);
                    watch.Arrived(line.CasesLogged, now);
                    // A clerk logs one book's cases one after another, so the pending counts rise in order.
                    while (watch.Pending.TryPeek(out var pending) && pending.Count <= watch.Seen)
                    {
                        watch.Pending.Dequeue();
                        if (pending.Measured)
                        {
                            lags.Add(Math.Max(0, TimeSpan.FromTicks(now - pending.StoredTicks).TotalMilliseconds));
                        }
                    }
                }
            }
        }

        public (List<double> Lags, int Undelivered, long Batches) Results()
        {
            lock (gate)
            {
                return ([.. lags], books.Values.Sum(b => b.Pending.Count(p => p.Measured)), batches);
            }
        }

        private BookWatch Watch(string bookCode)
        {
            if (!books.TryGetValue(bookCode, out var watch))
            {
                books[bookCode] = watch = new BookWatch();
            }
            return watch;
        }

        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class BookWatch
    {
        private const int Remembered = 16;
        private readonly Queue<(int Count, long At)> arrivals = new();

        public int Seen { get; private set; }
        public Queue<(int Count, long StoredTicks, bool Measured)> Pending { get; } = new();

        public void Arrived(int count, long at)
        {
            if (count <= Seen)
            {
                return;
            }
            Seen = count;
            arrivals.Enqueue((count, at));
            if (arrivals.Count > Remembered)
            {
                arrivals.Dequeue();
            }
        }

        /// <summary>When the first remembered line at or above <paramref name="count"/> arrived (the oldest remembered one if none).</summary>
        public long ArrivalOf(int count)
        {
            foreach (var (seen, at) in arrivals)
            {
                if (seen >= count)
                {
                    return at;
                }
            }
            return arrivals.Peek().At;
        }
    }
}
