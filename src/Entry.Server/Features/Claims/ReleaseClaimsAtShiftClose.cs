using Entry.Server.Features.Shifts;

namespace Entry.Server.Features.Claims;

/// <summary>When a shift closes, whatever its clerks still hold is released (SPEC §3 "Claims").</summary>
public sealed partial class ReleaseClaimsAtShiftClose(ClaimService claims, ILogger<ReleaseClaimsAtShiftClose> logger) : IShiftClosedHandler
{
    public async Task ShiftClosedAsync(ShiftChanged closed, CancellationToken ct)
    {
        var released = await claims.ReleaseShiftAsync(closed.Date, closed.Shift, ct);
        if (released > 0)
        {
            LogReleased(released, closed.Shift);
        }
    }

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Shift {Shift} closed: {Count} claims released")]
    private partial void LogReleased(int count, int shift);
}
