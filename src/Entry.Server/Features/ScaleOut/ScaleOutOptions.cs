namespace Entry.Server.Features.ScaleOut;

/// <summary>
/// Several instances of Entry behind one address (<c>Entry:ScaleOut</c>). Set <see cref="Redis"/> and every instance shares
/// the live hub's messages (SignalR's Redis backplane), the data-protection keys (a cookie or token from one instance works on
/// the others), the sign-in rate limit, and the in-memory state the others must hear of (a sign-out, a changed dashboard).
/// </summary>
public sealed class ScaleOutOptions
{
    public const string Section = "Entry:ScaleOut";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>; empty on one box.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefixes every Redis key and channel, so several campaigns can share one Redis.</summary>
    public string Prefix { get; set; } = "entry";

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);
}
