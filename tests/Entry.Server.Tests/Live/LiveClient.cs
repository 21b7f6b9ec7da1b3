using System.Collections.Concurrent;
using Entry.Server.Tests.Support;
using Entry.Shared.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Entry.Server.Tests.Live;

/// <summary>A real SignalR connection to the test server's <c>/hubs/sprint</c>, keeping every message it receives.</summary>
internal sealed class LiveClient : IAsyncDisposable
{
    private LiveClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }
    public ConcurrentQueue<CasesLoggedBatch> Cases { get; } = new();
    public ConcurrentQueue<BooksChangedBatch> Books { get; } = new();
    public ConcurrentQueue<ProgressSnapshot> Progress { get; } = new();
    public ConcurrentQueue<ShiftChangedEvent> Shifts { get; } = new();

    /// <summary>Connects with the bearer token of a signed-in client (none: anonymous).</summary>
    public static async Task<LiveClient> ConnectAsync(EntryFactory factory, HttpClient? signedIn)
    {
        var token = signedIn?.DefaultRequestHeaders.Authorization?.Parameter;
        var connection = Build(factory, token);
        var client = new LiveClient(connection);
        connection.On<CasesLoggedBatch>(nameof(ISprintClient.CasesLogged), client.Cases.Enqueue);
        connection.On<BooksChangedBatch>(nameof(ISprintClient.BooksChanged), client.Books.Enqueue);
        connection.On<ProgressSnapshot>(nameof(ISprintClient.ProgressChanged), client.Progress.Enqueue);
        connection.On<ShiftChangedEvent>(nameof(ISprintClient.ShiftChanged), client.Shifts.Enqueue);
        await connection.StartAsync();
        return client;
    }

    public static HubConnection Build(EntryFactory factory, string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/sprint"), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult(token);
        })
        .Build();

    public Task<ProgressSnapshot> SubscribeAsync(string scope) => Connection.InvokeAsync<ProgressSnapshot>(SprintHub.Subscribe, scope);

    /// <summary>Cases added in the batches received for a scope.</summary>
    public int AddedIn(string scope) => Cases.Where(b => b.Scope == scope).Sum(b => b.Books.Sum(l => l.Added));

    public ProgressSnapshot? LatestProgress(string scope) => Progress.LastOrDefault(p => p.Scope == scope);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
