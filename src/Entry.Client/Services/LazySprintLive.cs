using System.Diagnostics.CodeAnalysis;
using Entry.Shared.Entries;
using Entry.Shared.Live;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Components.WebAssembly.Services;

namespace Entry.Client.Services;

/// <summary>
/// The live hub for the app's views, standing in for the real connection (Entry.Client.Live's <c>SprintLive</c>) until a
/// view first subscribes: only then are the SignalR client and its assemblies (about 165 KiB compressed) downloaded and
/// loaded, so the clerk's entry page and the sign-in never fetch them. Nothing here names a type of those assemblies —
/// the runtime would need them to load this class. If they cannot be fetched (offline on a first visit) the
/// subscriptions are kept and the load is tried again every ten seconds; the views then get <see cref="Resynced"/>.
/// </summary>
public sealed class LazySprintLive(IServiceProvider services, LazyAssemblyLoader loader) : ISprintLive, IAsyncDisposable
{
    /// <summary>The assemblies BlazorWebAssemblyLazyLoad keeps out of the start-up download (Entry.Client.csproj lists the same).</summary>
    public static readonly string[] Assemblies =
    [
        "Entry.Client.Live.wasm",
        "Microsoft.AspNetCore.SignalR.Client.wasm", "Microsoft.AspNetCore.SignalR.Client.Core.wasm",
        "Microsoft.AspNetCore.SignalR.Common.wasm", "Microsoft.AspNetCore.SignalR.Protocols.Json.wasm",
        "Microsoft.AspNetCore.Http.Connections.Client.wasm", "Microsoft.AspNetCore.Http.Connections.Common.wasm",
        "Microsoft.AspNetCore.Connections.Abstractions.wasm", "Microsoft.Extensions.Features.wasm",
        "System.Net.ServerSentEvents.wasm", "System.Net.WebSockets.Client.wasm", "System.Net.WebSockets.wasm",

    ];

    private const string ImplementationType = "Entry.Client.Live.SprintLive";
    private const string ImplementationAssembly = "Entry.Client.Live";
    private static readonly TimeSpan RetryLoad = TimeSpan.FromSeconds(10);

    private readonly HashSet<string> _pendingScopes = [];
    private readonly HashSet<string> _pendingDashboards = [];
    private readonly CancellationTokenSource _stopping = new();
    private ISprintLive? _inner;
    private Task<ISprintLive?>? _loading;
    private LiveState _state = LiveState.Idle;

    public LiveState State => _inner?.State ?? _state;

    public event Action<CasesLoggedBatch>? CasesLogged;
    public event Action<BooksChangedBatch>? BooksChanged;
    public event Action<ShiftChangedEvent>? ShiftChanged;
    public event Action<ProgressSnapshot>? ProgressChanged;
    public event Action<NationalStatus>? NationalStatusChanged;
    public event Action<DashboardLive>? DashboardChanged;
    public event Action<LiveState>? StateChanged;
    public event Action<IReadOnlyList<ProgressSnapshot>>? Resynced;

    public async Task<ProgressSnapshot?> SubscribeAsync(string scope, CancellationToken cancellationToken = default)
    {
        if (await LoadAsync() is { } live)
        {
            return await live.SubscribeAsync(scope, cancellationToken);
        }
        _pendingScopes.Add(scope);
        return null;
    }

    public async Task<DashboardLive?> WatchDashboardAsync(string scope, CancellationToken cancellationToken = default)
    {
        if (await LoadAsync() is { } live)
        {
            return await live.WatchDashboardAsync(scope, cancellationToken);
        }
        _pendingDashboards.Add(scope);
        return null;
    }

    public Task UnsubscribeAsync(string scope) =>
        _inner is { } live ? live.UnsubscribeAsync(scope) : Task.FromResult(_pendingScopes.Remove(scope));

    public Task UnwatchDashboardAsync(string scope) =>
        _inner is { } live ? live.UnwatchDashboardAsync(scope) : Task.FromResult(_pendingDashboards.Remove(scope));

    /// <summary>The real connection, loaded once; null while its assemblies cannot be fetched (a retry is under way).</summary>
    private async Task<ISprintLive?> LoadAsync()
    {
        if (_inner is { } loaded)
        {
            return loaded;
        }
        var loading = _loading ??= LoadOnceAsync();
        var live = await loading;
        if (live is null && ReferenceEquals(_loading, loading))
        {
            _loading = null;
            _ = RetryAsync();
        }
        return live;
    }

    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, ImplementationType, ImplementationAssembly)]
    private async Task<ISprintLive?> LoadOnceAsync()
    {
        SetState(LiveState.Connecting);
        try
        {
            await loader.LoadAssembliesAsync(Assemblies);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fetched (no network, say): tried again later.
            return null;
        }
        var type = Type.GetType($"{ImplementationType}, {ImplementationAssembly}", throwOnError: true)!;
        var live = (ISprintLive)ActivatorUtilities.CreateInstance(services, type);
        live.CasesLogged += batch => CasesLogged?.Invoke(batch);
        live.BooksChanged += batch => BooksChanged?.Invoke(batch);
        live.ShiftChanged += change => ShiftChanged?.Invoke(change);
        live.ProgressChanged += snapshot => ProgressChanged?.Invoke(snapshot);
        live.NationalStatusChanged += status => NationalStatusChanged?.Invoke(status);
        live.DashboardChanged += change => DashboardChanged?.Invoke(change);
        live.StateChanged += state => StateChanged?.Invoke(state);
        live.Resynced += snapshots => Resynced?.Invoke(snapshots);
        _inner = live;
        return live;
    }

    /// <summary>Tries the load again until it succeeds, then joins what was asked meanwhile (a resync follows the connection).</summary>
    private async Task RetryAsync()
    {
        while (_inner is null && !_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryLoad, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (_pendingScopes.Count == 0 && _pendingDashboards.Count == 0)
            {
                return;
            }
            if (await (_loading ??= LoadOnceAsync()) is not { } live)
            {
                _loading = null;
                continue;
            }
            try
            {
                foreach (var scope in _pendingScopes.ToList())
                {
                    await live.SubscribeAsync(scope);
                }
                foreach (var scope in _pendingDashboards.ToList())
                {
                    await live.WatchDashboardAsync(scope);
                }
            }
            catch (LiveRefusedException)
            {
                // A scope no longer allowed: the view asks again when it opens next.
            }
            _pendingScopes.Clear();
            _pendingDashboards.Clear();
        }
    }

    private void SetState(LiveState state)
    {
        if (_state != state)
        {
            _state = state;
            StateChanged?.Invoke(state);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_inner is IAsyncDisposable live)
        {
            await live.DisposeAsync();
        }
        _stopping.Dispose();
    }
}
