using Entry.Server.Common.Cluster;
using Microsoft.Extensions.Caching.Memory;

namespace Entry.Server.Features.Auth;

/// <summary>A sign-in ended on some instance: every instance forgets it as active and closes its live connections.</summary>
public sealed record SessionEnded(string SessionId);

/// <summary>A person's live connections must close on every instance (taken off a team: their groups are no longer theirs).</summary>
public sealed record UserConnectionsClosed(string UserId);

public sealed class SessionEndedHandler(IMemoryCache cache, SignedInConnections connections) : IClusterHandler<SessionEnded>
{
    public void Handle(SessionEnded message)
    {
        Sessions.ForgetActive(cache, message.SessionId);
        connections.CloseSession(message.SessionId);
    }
}

public sealed class UserConnectionsClosedHandler(SignedInConnections connections) : IClusterHandler<UserConnectionsClosed>
{
    public void Handle(UserConnectionsClosed message) => connections.CloseUser(message.UserId);
}
