using System.Security.Claims;
using Entry.Server.Data;
using Entry.Shared.Auth;
using Entry.Shared.Units;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Auth;

/// <summary>
/// What a reader of progress may see: <see cref="Province"/> — everything (Admins, Monitors with no unit or the province's);
/// otherwise only <see cref="District"/> (a Monitor of a district or of one of its communes). Neither: nothing (a Monitor
/// whose unit code names no unit).
/// </summary>
public sealed record MonitorArea(bool Province, string? District)
{
    public static readonly MonitorArea Everything = new(true, null);
    public static readonly MonitorArea Nothing = new(false, null);

    public bool MaySeeDistrict(string? districtCode) => Province || (District is not null && districtCode == District);
}

/// <summary>Works out a signed-in user's <see cref="MonitorArea"/> from their role and unit.</summary>
public sealed class MonitorAreas(EntryDb db)
{
    public async Task<MonitorArea> OfAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return MonitorArea.Everything;
        }
        if (!user.IsInRole(Roles.Monitor))
        {
            return MonitorArea.Nothing;
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var unitCode = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UnitCode).FirstOrDefaultAsync(ct);
        if (unitCode is null)
        {
            return MonitorArea.Everything;
        }
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == unitCode).Select(u => new { u.Level, u.DistrictCode }).FirstOrDefaultAsync(ct);
        return unit switch
        {
            null => MonitorArea.Nothing,
            { Level: UnitLevel.Province } => MonitorArea.Everything,
            { DistrictCode: { } district } => new MonitorArea(false, district),
            _ => MonitorArea.Nothing,
        };
    }
}
