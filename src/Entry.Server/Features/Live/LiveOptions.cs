using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Features.Live;

/// <summary><c>Entry:Live:*</c>: the live view over SignalR.</summary>
public sealed class LiveOptions
{
    public const string Section = "Entry:Live";

    /// <summary>How often the pending events are sent to the subscribed groups, coalesced: at most one message of each kind per group.</summary>
    [Range(50, 10_000)]
    public int FlushMilliseconds { get; set; } = 250;

    /// <summary>How often the national sync status is read and sent to the province group when it changed (only while someone follows the province).</summary>
    [Range(250, 60_000)]
    public int NationalStatusMilliseconds { get; set; } = 2000;

    /// <summary>How often a watched dashboard whose figures changed gets <c>dashboardChanged</c> (at most one message per period).</summary>
    [Range(250, 60_000)]
    public int DashboardMilliseconds { get; set; } = 1000;
}
