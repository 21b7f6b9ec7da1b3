using System.Collections.Concurrent;
using Entry.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Live;

/// <summary>User id → user name and display name for the live messages, kept in memory once read (names rarely change).</summary>
public sealed class ClerkNames
{
    private const int MaxCached = 20_000;
    private readonly ConcurrentDictionary<string, ClerkName> known = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, ClerkName>> ResolveAsync(EntryDb db, IReadOnlySet<string> userIds, CancellationToken ct)
    {
        var missing = userIds.Where(id => !known.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            if (known.Count + missing.Count > MaxCached)
            {
                known.Clear();
            }
            var read = await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id))
                .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
            foreach (var user in read)
            {
                known[user.Id] = new ClerkName(user.UserName ?? "", user.DisplayName);
            }
        }
        return userIds.ToDictionary(id => id, id => known.TryGetValue(id, out var name) ? name : ClerkName.Unknown, StringComparer.Ordinal);
    }
}

public sealed record ClerkName(string UserName, string DisplayName)
{
    public static readonly ClerkName Unknown = new("", "");
}
