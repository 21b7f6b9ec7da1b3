using System.Diagnostics;
using Entry.Shared.Live;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Entry.Benchmarks;

/// <summary>
/// The live dashboards of a load run: hub connections subscribed to the province (a tenth of them to a team of the
/// clerks), each timing how long after a case's HTTP acknowledgement its book's line reaches it — all on this machine's
/// clock (<see cref="Stopwatch"/> timestamps), no server time involved.
/// </summary>
internal sealed class EntryLoadDashboards : IAsyncDisposable
{
    private readonly List<Dashboard> dashboards;

    private EntryLoadDashboards(List<Dashboard> dashboards) => this.dashboards = dashboards;

    public int Count => dashboards.Count;
    public int TeamScoped => dashboards.Count(d => d.TeamId is not null);

    /// <summary>Connects and subscribes <paramref name="count"/> dashboards, ten at a time, taking turns with the tokens.</summary>
    public static async Task<EntryLoadDashboards> ConnectAsync(Uri server, int count, IReadOnlyList<string> tokens, IReadOnlyList<int> teamIds)
    {
        var teamScoped = teamIds.Count == 0 ? 0 : count / 10;
        var dashboards = Enumerable.Range(0, count)
            .Select(i => new Dashboard(i < teamScoped ? teamIds[i % teamIds.Count] : null))
            .ToList();
        var all = new EntryLoadDashboards(dashboards);
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
    public void Acknowledged(int teamId, string bookCode, int casesLogged, long acknowledgedAt, bool measured)
    {
        foreach (var dashboard in dashboards)
        {
            if (dashboard.TeamId is null || dashboard.TeamId == teamId)
            {
                dashboard.Acknowledged(bookCode, casesLogged, acknowledgedAt, measured);
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

        public void Acknowledged(string bookCode, int casesLogged, long acknowledgedAt, bool measured)
        {
            lock (gate)
            {
                var watch = Watch(bookCode);
                if (watch.Seen >= casesLogged)
                {
                    // The batch overtook the HTTP answer.
                    if (measured)
                    {
                        lags.Add(0);
                    }
                    return;
                }
                watch.Pending.Enqueue((casesLogged, acknowledgedAt, measured));
            }
        }

        private void Received(CasesLoggedBatch batch)
        {
            var now = Stopwatch.GetTimestamp();
            lock (gate)
            {
                batches++;
                foreach (var line in batch.Books)
                {
                    var watch = Watch(line.BookCode);
                    watch.Seen = Math.Max(watch.Seen, line.CasesLogged);
                    // A clerk logs one book's cases one after another, so the pending counts rise in order.
                    while (watch.Pending.TryPeek(out var pending) && pending.Count <= watch.Seen)
                    {
                        watch.Pending.Dequeue();
                        if (pending.Measured)
                        {
                            lags.Add(Stopwatch.GetElapsedTime(pending.At, now).TotalMilliseconds);
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
        public int Seen { get; set; }
        public Queue<(int Count, long At, bool Measured)> Pending { get; } = new();
    }
}
