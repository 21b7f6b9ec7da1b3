using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Hosting;

/// <summary>
/// <c>Entry:Clock:*</c>: the server's clock. An offset is for demonstrations and load runs (a shift open at night);
/// a real campaign leaves it at zero.
/// </summary>
public sealed class ClockOptions
{
    public const string Section = "Entry:Clock";

    /// <summary>Added to the system clock for everything the server reads as "now": shifts, claims, tokens, the scheduler.</summary>
    [Range(typeof(TimeSpan), "-366.00:00:00", "366.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan Offset { get; set; }

    /// <summary>The system clock itself when there is no offset (Quartz keeps its own default then).</summary>
    public TimeProvider CreateTimeProvider() => Offset == TimeSpan.Zero ? TimeProvider.System : new OffsetTimeProvider(Offset);
}

/// <summary>The system clock shifted by a fixed offset; only the time it answers moves, timers and timestamps do not.</summary>
public sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset => offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
