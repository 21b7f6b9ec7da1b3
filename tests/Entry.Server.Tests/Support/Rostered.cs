using Entry.Server.Data;
using Entry.Server.Features.Rosters;

namespace Entry.Server.Tests.Support;

/// <summary>
/// For fixtures that write a claim straight into the database: the holder must also be on the roster of the claim's shift,
/// as every write path checks membership and roster per request.
/// </summary>
internal static class Rostered
{
    public static void Ensure(EntryDb db, int teamId, string userId, DateOnly date, int shift)
    {
        if (!db.RosterEntries.Any(e => e.TeamId == teamId && e.UserId == userId && e.Date == date && e.Shift == shift))
        {
            db.RosterEntries.Add(new RosterEntry { TeamId = teamId, UserId = userId, Date = date, Shift = shift });
        }
    }
}
