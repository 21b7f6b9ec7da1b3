using System.Security.Claims;
using Entry.Server.Data;
using Entry.Shared.Auth;
using Entry.Shared.Units;
using Entry.Server.Common;
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

    /// <summary>A Monitor whose unit code names no unit: every read answers 403.</summary>
    public bool SeesNothing => !Province && District is null;

    /// <summary>The district the reader is confined to; null when they see the province (or nothing: see <see cref="SeesNothing"/>).</summary>
    public string? OnlyDistrict => Province ? null : District;

    /// <summary>
    /// Whether a unit, a book, a team or a case of the unit whose district is <paramref name="districtCode"/> lies in the area.
    /// A unit's district is <c>AdministrativeUnit.DistrictCode</c>: the district itself for a district, null for the province.
    /// </summary>
    public bool MaySeeDistrict(string? districtCode) => Province || (District is not null && districtCode == District);
}

/// <summary>Works out a signed-in user's <see cref="MonitorArea"/> from their role and unit.</summary>
public sealed class MonitorAreas(EntryDb db)
{
    /// <summary>The area of a reader of progress: an Admin everything, a Monitor by their unit, any other role nothing.</summary>
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

    /// <summary>
    /// The area of the inventory and the figures (units, books, progress, projection) a user reads: a Monitor their own
    /// (<see cref="OfAsync"/>); an Admin, a leader or a clerk the province. What a leader or clerk may read of teams — their
    /// own team only — is <c>TeamAccess</c>'s rule, which reads a Monitor's area from here too.
    /// </summary>
    public async Task<MonitorArea> OfReaderAsync(ClaimsPrincipal user, CancellationToken ct) =>
        user.IsInRole(Roles.Monitor) && !user.IsInRole(Roles.Admin) ? await OfAsync(user, ct) : MonitorArea.Everything;
}

/// <summary>The 403 refusals of the area rule, the same wherever it refuses.</summary>
public static class AreaRefusals
{
    public static Refusal NoArea() =>
        Refusal.Forbidden(Phrase.Of("title.noArea"), Phrase.Of("area.none"));

    public static Refusal OutsideArea(string field, string what) =>
        Refusal.Forbidden(Phrase.Of("title.outsideArea"), Phrase.Of("area.outside", what))
            .WithErrors(field, Phrase.Of("area.outside.field"));

    /// <summary>A province-wide answer that cannot be cut to one district.</summary>
    public static Refusal ProvinceOnly(Phrase what) => Refusal.Forbidden(Phrase.Of("title.provinceOnly"), Phrase.Of("area.provinceOnly", what));
}
