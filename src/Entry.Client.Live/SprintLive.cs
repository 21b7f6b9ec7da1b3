using Entry.Shared.Entries;
using Entry.Shared.Live;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Entry.Client.Live;

/// <summary>
/// The browser app's one connection to the sprint hub (<see cref="SprintHub.Path"/>), shared by every live view. It
/// connects on the first subscription (same origin: the Identity cookie goes along), reconnects for as long as the
/// page lives, and after a reconnect subscribes every scope again and raises <see cref="Resynced"/> with their fresh
/// snapshots — a view then refetches what it shows, because the events sent while it was away are gone.
/// </summary>
public sealed class SprintLive : ISprintLive, IAsyncDisposable
{
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    private readonly HubConnection _connection;
    private readonly HashSet<string> _scopes = [];
    // Dashboards watched (WatchDashboard): watched again after a reconnect, like the scopes.
    private readonly HashSet<string> _dashboards = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly AuthenticationStateProvider _authentication;
    private Task? _connecting;

    public SprintLive(NavigationManager navigation, AuthenticationStateProvider authentication)
    {
        _authentication = authentication;
        // The connection carries the identity it was opened with: a sign-out or another user's sign-in ends it.
        _authentication.AuthenticationStateChanged += SignedInOrOut;
        _connection = new HubConnectionBuilder()
            .WithUrl(navigation.ToAbsoluteUri(SprintHub.Path.TrimStart('/')))
            .WithAutomaticReconnect(new ForeverRetry())
            .Build();
        // The server sends through ISprintClient: its method names are the messages' names.
        _connection.On<CasesLoggedBatch>(nameof(ISprintClient.CasesLogged), batch => CasesLogged?.Invoke(batch));
        _connection.On<BooksChangedBatch>(nameof(ISprintClient.BooksChanged), batch => BooksChanged?.Invoke(batch));
        _connection.On<ShiftChangedEvent>(nameof(ISprintClient.ShiftChanged), change => ShiftChanged?.Invoke(change));
        _connection.On<ProgressSnapshot>(nameof(ISprintClient.ProgressChanged), snapshot => ProgressChanged?.Invoke(snapshot));
        _connection.On<NationalStatus>(nameof(ISprintClient.NationalStatus), status => NationalStatusChanged?.Invoke(status));
        _connection.On<DashboardLive>(nameof(ISprintClient.DashboardChanged), live => DashboardChanged?.Invoke(live));
        _connection.Reconnecting += _ =>
        {
            SetState(LiveState.Reconnecting);
            return Task.CompletedTask;
        };
        _connection.Reconnected += _ => ResubscribeAsync();
        // The automatic reconnect never gives up, so this is a close by the server (a restart, say) or a sign-out (which
        // clears the scopes): start over if something is still followed.
        _connection.Closed += _ =>
        {
            if (!_stopping.IsCancellationRequested && (_scopes.Count > 0 || _dashboards.Count > 0))
            {
                SetState(LiveState.Reconnecting);
                _connecting = ConnectAsync();
            }
            return Task.CompletedTask;
        };
    }

    public LiveState State { get; private set; } = LiveState.Idle;

    public event Action<CasesLoggedBatch>? CasesLogged;
    public event Action<BooksChangedBatch>? BooksChanged;
    public event Action<ShiftChangedEvent>? ShiftChanged;
    public event Action<ProgressSnapshot>? ProgressChanged;
    /// <summary>The sync with the national database changed (sent to the province's followers only).</summary>
    public event Action<NationalStatus>? NationalStatusChanged;
    /// <summary>A watched dashboard's figures changed (<see cref="WatchDashboardAsync"/>).</summary>
    public event Action<DashboardLive>? DashboardChanged;
    public event Action<LiveState>? StateChanged;

    /// <summary>After a reconnect: every scope subscribed again, with its current counters (and every dashboard watched again).</summary>
    public event Action<IReadOnlyList<ProgressSnapshot>>? Resynced;

    /// <summary>
    /// Follows a scope (a <see cref="ScopeKey"/>'s name). Answers its snapshot when connected; null while the connection is
    /// still being made (it subscribes then, and <see cref="Resynced"/> follows). A scope the user may not see throws
    /// <see cref="LiveRefusedException"/>.
    /// </summary>
    public Task<ProgressSnapshot?> SubscribeAsync(string scope, CancellationToken cancellationToken = default) =>
        JoinAsync<ProgressSnapshot>(SprintHub.Subscribe, _scopes, scope, cancellationToken);

    /// <summary>
    /// Watches a dashboard scope (<c>province</c> or <c>district:{code}</c>): <see cref="DashboardChanged"/> follows. Answers its
    /// figures now when connected; null while connecting (<see cref="Resynced"/> follows). A scope the user may not see throws
    /// <see cref="LiveRefusedException"/>.
    /// </summary>
    public Task<DashboardLive?> WatchDashboardAsync(string scope, CancellationToken cancellationToken = default) =>
        JoinAsync<DashboardLive>(SprintHub.WatchDashboard, _dashboards, scope, cancellationToken);

    /// <summary>
    /// Stops watching a dashboard (<see cref="SprintHub.UnwatchDashboard"/>), so it is not watched again after a reconnect either.
    /// A message already on its way may still come; views match them by scope.
    /// </summary>
    public Task UnwatchDashboardAsync(string scope) => LeaveAsync(SprintHub.UnwatchDashboard, _dashboards, scope);

    public Task UnsubscribeAsync(string scope) => LeaveAsync(SprintHub.Unsubscribe, _scopes, scope);

    /// <summary>Calls the hub's join method and keeps the scope for the reconnects; null while the connection is being made.</summary>
    private async Task<T?> JoinAsync<T>(string method, HashSet<string> kept, string scope, CancellationToken cancellationToken) where T : class
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection.State == HubConnectionState.Connected)
            {
                try
                {
                    var answer = await _connection.InvokeAsync<T>(method, scope, cancellationToken);
                    kept.Add(scope);
                    return answer;
                }
                catch (HubException e)
                {
                    // The views know no SignalR type: the refusal travels as the contract's own exception.
                    throw new LiveRefusedException(e.Message, e);
                }
                catch (Exception e) when (e is InvalidOperationException or IOException)
                {
                    // Dropped just now: kept, it is joined again on the reconnect.
                }
            }
            kept.Add(scope);
        }
        finally
        {
            _gate.Release();
        }
        _connecting ??= ConnectAsync();
        return null;
    }

    private async Task LeaveAsync(string method, HashSet<string> kept, string scope)
    {
        await _gate.WaitAsync();
        try
        {
            if (kept.Remove(scope) && _connection.State == HubConnectionState.Connected)
            {
                await _connection.InvokeAsync(method, scope);
            }
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or IOException)
        {
            // The connection went away meanwhile; its groups went with it.
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The first connection, retried until it succeeds (the automatic reconnect covers only later drops), then every
    /// scope subscribed — including those asked for while connecting.
    /// </summary>
    private async Task ConnectAsync()
    {
        SetState(State == LiveState.Reconnecting ? LiveState.Reconnecting : LiveState.Connecting);
        for (var attempt = 0; !_stopping.IsCancellationRequested && _connection.State == HubConnectionState.Disconnected; attempt++)
        {
            try
            {
                await Task.Delay(Backoff[Math.Min(attempt, Backoff.Length - 1)], _stopping.Token);
                await _connection.StartAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (!_stopping.IsCancellationRequested)
            {
                // The server is unreachable, restarting or refusing (a socket error in the browser, a 401 after a
                // sign-out): try again; the backoff keeps it to one attempt every 10 seconds.
            }
        }
        _connecting = null;
        await ResubscribeAsync();
    }

    private async Task ResubscribeAsync()
    {
        var snapshots = new List<ProgressSnapshot>();
        await _gate.WaitAsync();
        try
        {
            foreach (var scope in _scopes.ToList())
            {
                try
                {
                    snapshots.Add(await _connection.InvokeAsync<ProgressSnapshot>(SprintHub.Subscribe, scope));
                }
                catch (HubException)
                {
                    // No longer allowed to see it (a team change, say): stop following it.
                    _scopes.Remove(scope);
                }
            }
            foreach (var scope in _dashboards.ToList())
            {
                try
                {
                    await _connection.InvokeAsync<DashboardLive>(SprintHub.WatchDashboard, scope);
                }
                catch (HubException)
                {
                    _dashboards.Remove(scope);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // Dropped again while resubscribing: the next Reconnected runs this again.
            return;
        }
        finally
        {
            _gate.Release();
        }
        SetState(LiveState.Live);
        Resynced?.Invoke(snapshots);
    }

    private void SignedInOrOut(Task<AuthenticationState> state) => _ = StopForNewUserAsync();

    private async Task StopForNewUserAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _scopes.Clear();
            _dashboards.Clear();
            await _connection.StopAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException)
        {
            // Already stopped.
        }
        finally
        {
            _connecting = null;
            SetState(LiveState.Idle);
            _gate.Release();
        }
    }

    private void SetState(LiveState state)
    {
        if (State != state)
        {
            State = state;
            StateChanged?.Invoke(state);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _authentication.AuthenticationStateChanged -= SignedInOrOut;
        await _stopping.CancelAsync();
        await _connection.DisposeAsync();
        _stopping.Dispose();
        _gate.Dispose();
    }

    /// <summary>Reconnects for as long as the page lives, backing off to one attempt every 10 seconds.</summary>
    private sealed class ForeverRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            Backoff[(int)Math.Min(retryContext.PreviousRetryCount, Backoff.Length - 1)];
    }
}
