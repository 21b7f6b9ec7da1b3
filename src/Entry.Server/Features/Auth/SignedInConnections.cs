using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace Entry.Server.Features.Auth;

/// <summary>
/// The live (hub) connections open in this process, by sign-in session and user. A hub connection is authenticated once,
/// when it opens; ending a sign-in (sign-out) or a person's membership of a team closes their connections here, so nothing
/// keeps arriving over a connection its sign-in no longer allows. The client reconnects — without a session, to a 401; after
/// a removal, to scopes it may still see.
/// </summary>
public sealed class SignedInConnections
{
    private readonly ConcurrentDictionary<string, (string? UserId, string? SessionId, HubCallerContext Context)> open = new();

    public void Opened(HubCallerContext context) =>
        open[context.ConnectionId] = (context.User?.FindFirstValue(ClaimTypes.NameIdentifier), context.User?.FindFirstValue(Sessions.Claim), context);

    public void Closed(string connectionId) => open.TryRemove(connectionId, out _);

    /// <summary>Closes the connections opened with that sign-in; answers how many.</summary>
    public int CloseSession(string sessionId) => Close(c => c.SessionId == sessionId);

    /// <summary>Closes every connection of the user (taken off a team: their groups are no longer theirs).</summary>
    public int CloseUser(string userId) => Close(c => c.UserId == userId);

    private int Close(Func<(string? UserId, string? SessionId, HubCallerContext Context), bool> which)
    {
        var closed = 0;
        foreach (var (id, connection) in open)
        {
            if (which(connection) && open.TryRemove(id, out _))
            {
                connection.Context.Abort();
                closed++;
            }
        }
        return closed;
    }
}
