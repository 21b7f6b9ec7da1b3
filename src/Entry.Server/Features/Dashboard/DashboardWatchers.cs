using System.Collections.Concurrent;

namespace Entry.Server.Features.Dashboard;

/// <summary>
/// The dashboards each of this server's connections watches (<c>province</c>, <c>district:{code}</c>; a few per connection: a
/// page's own and the district it drills into) and which scopes changed since their last message, so the live view's
/// dashboard flusher computes nothing nobody watches.
/// </summary>
public sealed class DashboardWatchers
{
    /// <summary>The most dashboards one connection may watch at once: a page and its drill-down need two.</summary>
    public const int MostPerConnection = 4;

    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<string>> watching = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> changed = new(StringComparer.Ordinal);

    /// <summary>
    /// The connection now watches <paramref name="scope"/> too (watching it again changes nothing); false when it already watches
    /// <see cref="MostPerConnection"/> others.
    /// </summary>
    public bool Watch(string connectionId, string scope)
    {
        lock (gate)
        {
            if (!watching.TryGetValue(connectionId, out var scopes))
            {
                watching[connectionId] = scopes = new HashSet<string>(StringComparer.Ordinal);
            }
            if (scopes.Count >= MostPerConnection && !scopes.Contains(scope))
            {
                return false;
            }
            scopes.Add(scope);
            return true;
        }
    }

    public void Unwatch(string connectionId, string scope)
    {
        lock (gate)
        {
            if (watching.TryGetValue(connectionId, out var scopes) && scopes.Remove(scope) && scopes.Count == 0)
            {
                watching.Remove(connectionId);
            }
        }
    }

    public void Left(string connectionId)
    {
        lock (gate)
        {
            watching.Remove(connectionId);
        }
    }

    public bool IsWatched(string scope)
    {
        lock (gate)
        {
            return watching.Values.Any(scopes => scopes.Contains(scope));
        }
    }

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
        foreach (var scope in Watched())
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

    /// <summary>This server's connections that watch <paramref name="scope"/>: the dashboard is sent to them alone, so with several
    /// instances each sends to its own watchers once.</summary>
    public IReadOnlyList<string> ConnectionsWatching(string scope)
    {
        lock (gate)
        {
            return watching.Where(w => w.Value.Contains(scope)).Select(w => w.Key).ToList();
        }
    }

    private List<string> Watched()
    {
        lock (gate)
        {
            return watching.Values.SelectMany(scopes => scopes).Distinct(StringComparer.Ordinal).ToList();
        }
    }
}
