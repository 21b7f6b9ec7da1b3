using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Features.Cases;

/// <summary><c>Entry:LateArrivals</c>: how long after its claim a case typed during it is still taken, and the clock error allowed.</summary>
public sealed class LateArrivalOptions
{
    public const string Section = "Entry:LateArrivals";

    /// <summary>A case or skip typed at most this many days before it reaches the server may still be taken late.</summary>
    [Range(0, 60)]
    public int GraceDays { get; set; } = 7;

    /// <summary>
    /// How far the browser's clock may be off the server's: a typing time this much past the server's now, before the claim
    /// began or after it ended, still counts as inside.
    /// </summary>
    [Range(0, 120)]
    public int ClockSkewMinutes { get; set; } = 5;
}
