using System.Collections.Concurrent;

namespace Entry.Server.Features.Dashboard;

/// <summary>
/// The dashboard each of this server's connections watches (<c>province</c>, <c>district:{code}</c>; one per connection) and
/// which scopes changed since their last message, so <see cref="DashboardLiveFlusher"/> computes nothing nobody watches.
/// </summary>
public sealed class DashboardWatchers
{
    private readonly ConcurrentDictionary<string, string> watching = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> changed = new(StringComparer.Ordinal);

    /// <summary>The SignalR group of a watched dashboard: apart from the scope's own group, so it gets no per-book lines.</summary>
    public static string Group(string scope) => $"dashboard:{scope}";

    /// <summary>The connection now watches <paramref name="scope"/>; answers the scope it watched before, if another.</summary>
    public string? Watch(string connectionId, string scope)
    {
        string? before = null;
        watching.AddOrUpdate(connectionId, scope, (_, previous) =>
        {
            before = previous;
            return scope;
        });
        return before == scope ? null : before;
    }

    public void Left(string connectionId) => watching.TryRemove(connectionId, out _);

    public bool IsWatched(string scope) => watching.Any(w => w.Value == scope);

    /// <summary>The scope's figures changed: remembered only while someone watches it.</summary>
    public void Changed(string scope)
    {
        if (IsWatched(scope))
        {
            changed[scope] = 0;
        }
    }

    /// <summary>Every watched dashboard changed (a shift opened or closed: the open shift and today's figures move on).</summary>
    public void AllChanged()
    {
        foreach (var scope in watching.Values.Distinct(StringComparer.Ordinal))
        {
            changed[scope] = 0;
        }
    }

    /// <summary>The watched scopes that changed since the last call.</summary>
    public IReadOnlyList<string> TakeChanged()
    {
        var taken = new List<string>();
        foreach (var scope in changed.Keys)
        {
            if (changed.TryRemove(scope, out _) && IsWatched(scope))
            {
                taken.Add(scope);
            }
        }
        return taken;
    }
}
