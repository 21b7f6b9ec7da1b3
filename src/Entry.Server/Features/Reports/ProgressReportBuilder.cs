using System.Globalization;
using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Progress;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Entry.Shared.Monitoring;
using Entry.Shared.Progress;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Features.Reports;

/// <summary>
/// The periodic report of a date against an earlier one, in the province's layout. A province-wide reader gets the
/// districts (their whole subtree) and the province's own books; with a district — always their own for a district
/// Monitor — that district's own books and its communes. Units holding no book are left out.
/// </summary>
public sealed class ProgressReportBuilder(
    EntryDb db, ScopeFigures figures, MonitorAreas areas, SprintSettingsStore sprint, Quality.QualityFigureBuilder quality, TimeProvider time,
    IOptions<ReportOptions> options)
{
    public const string TotalName = "Tổng cộng";

    private readonly record struct Sum(long Target, int Books, long Entered, long Skipped)
    {
        public static Sum operator +(Sum a, Sum b) => new(a.Target + b.Target, a.Books + b.Books, a.Entered + b.Entered, a.Skipped + b.Skipped);
    }

    private sealed record Line(string Scope, string Code, string Name);

    public async Task<(ProgressReport? Report, Refusal? Refusal)> BuildAsync(
        string? dateText, string? previousText, string? districtText, ClaimsPrincipal user, CancellationToken ct)
    {
        var today = ShiftCalendar.LocalDate(time.GetUtcNow());
        var errors = new Dictionary<string, Phrase[]>();
        var date = today;
        if (!string.IsNullOrWhiteSpace(dateText))
        {
            if (!TryParseDate(dateText, out date))
            {
                errors["date"] = [Phrase.Of("report.date.format")];
            }
            else if (date > today)
            {
                errors["date"] = [Phrase.Of("report.date.future")];
            }
        }
        DateOnly? previous = null;
        if (!string.IsNullOrWhiteSpace(previousText))
        {
            if (!TryParseDate(previousText, out var parsed))
            {
                errors["previous"] = [Phrase.Of("report.previous.format")];
            }
            else if (!errors.ContainsKey("date") && parsed >= date)
            {
                errors["previous"] = [Phrase.Of("report.previous.notBefore")];
            }
            previous = parsed;
        }
        if (errors.Count > 0)
        {
            return (null, Refused(StatusCodes.Status400BadRequest, Phrase.Of("title.reportQueryInvalid"), errors));
        }

        var area = await areas.OfAsync(user, ct);
        if (area.SeesNothing)
        {
            return (null, Refused(StatusCodes.Status403Forbidden, Phrase.Of("title.noReportArea"), "district", Phrase.Of("report.noArea")));
        }
        var districtCode = string.IsNullOrWhiteSpace(districtText) ? area.District : districtText.Trim();
        if (districtCode is not null && !area.MaySeeDistrict(districtCode))
        {
            return (null, Refused(StatusCodes.Status403Forbidden, Phrase.Of("title.anotherDistrict"), "district", Phrase.Of("report.anotherDistrict", area.District)));
        }

        var units = await db.Units.AsNoTracking().Select(u => new { u.Code, u.Name, u.ParentCode, u.DistrictCode }).ToListAsync(ct);
        string scope;
        string scopeName;
        var lines = new List<Line>();
        if (districtCode is null)
        {
            var province = units.FirstOrDefault(u => u.ParentCode is null);
            scope = ScopeKey.Province.Name;
            scopeName = province?.Name ?? "";
            if (province is not null)
            {
                lines.Add(new Line(ScopeKey.Unit(province.Code).Name, province.Code, "Sở Tư pháp (sổ cấp tỉnh)"));
            }
            lines.AddRange(units.Where(u => u.ParentCode is not null && u.DistrictCode == u.Code).OrderBy(u => u.Code, StringComparer.Ordinal)
                .Select(u => new Line(ScopeKey.District(u.Code).Name, u.Code, u.Name)));
        }
        else
        {
            var district = units.FirstOrDefault(u => u.Code == districtCode && u.ParentCode is not null && u.DistrictCode == u.Code);
            if (district is null)
            {
                return (null, Refused(StatusCodes.Status404NotFound, Phrase.Of("title.noSuchDistrict"), "district", Phrase.Of("report.noSuchDistrict")));
            }
            scope = ScopeKey.District(district.Code).Name;
            scopeName = district.Name;
            lines.Add(new Line(ScopeKey.Unit(district.Code).Name, district.Code, $"Phòng Tư pháp {district.Name} (sổ cấp huyện)"));
            lines.AddRange(units.Where(u => u.DistrictCode == district.Code && u.Code != district.Code).OrderBy(u => u.Code, StringComparer.Ordinal)
                .Select(u => new Line(ScopeKey.Unit(u.Code).Name, u.Code, u.Name)));
        }

        var scopes = lines.Select(l => l.Scope).ToList();
        var live = false;
        Dictionary<string, Sum> current;
        if (await db.DailySnapshots.AnyAsync(s => s.Date == date, ct))
        {
            current = await SnapshotAsync(date, scopes, ct);
        }
        else if (date == today)
        {
            live = true;
            current = (await figures.NowAsync(ct)).Where(f => scopes.Contains(f.Scope))
                .GroupBy(f => f.Scope)
                .ToDictionary(g => g.Key, g => g.Aggregate(default(Sum), (sum, f) => sum + new Sum(f.Target, f.Books, f.Entered, f.Skipped)));
        }
        else
        {
            return (null, Refused(StatusCodes.Status404NotFound, Phrase.Of("title.noSnapshot"), "date", Phrase.Of("report.noSnapshot.date")));
        }
        Dictionary<string, Sum>? before = null;
        if (previous is { } previousDate)
        {
            if (!await db.DailySnapshots.AnyAsync(s => s.Date == previousDate, ct))
            {
                return (null, Refused(StatusCodes.Status404NotFound, Phrase.Of("title.noSnapshot"), "previous", Phrase.Of("report.noSnapshot.previous")));
            }
            before = await SnapshotAsync(previousDate, scopes, ct);
        }

        var target = (await sprint.GetAsync(ct)).ReportTargetPercent;
        var qualityOf = await quality.ForScopesAsync([.. scopes, scope], districtCode, ct);
        var rows = new List<ProgressReportRow>();
        Sum total = default, totalBefore = default;
        foreach (var line in lines)
        {
            var now = current.GetValueOrDefault(line.Scope);
            if (now.Books == 0)
            {
                continue;
            }
            Sum? then = before?.GetValueOrDefault(line.Scope) is { Books: > 0 } earlier ? earlier : null;
            rows.Add(Row(rows.Count + 1, line.Code, line.Name, now, then, target) with { Quality = qualityOf[line.Scope] });
            total += now;
            totalBefore += then ?? default;
        }
        var totalRow = Row(0, "", TotalName, total, before is not null && totalBefore.Books > 0 ? totalBefore : null, target) with { Quality = qualityOf[scope] };

        return (new ProgressReport
        {
            Date = date,
            Live = live,
            PreviousDate = previous,
            TargetPercent = target,
            Scope = scope,
            ScopeName = scopeName,
            Rows = rows,
            Total = totalRow,
            Heading = Heading(options.Value.Heading, units.FirstOrDefault(u => u.ParentCode is null)?.Name),
        }, null);
    }

    /// <summary>The configured heading; what is left empty comes from the province's name ("Tỉnh Bình Phước").</summary>
    public static ReportHeading Heading(ReportHeadingOptions heading, string? provinceName)
    {
        var name = provinceName?.Trim() ?? "";
        var place = name;
        foreach (var kind in new[] { "Tỉnh ", "Thành phố " })
        {
            if (place.StartsWith(kind, StringComparison.OrdinalIgnoreCase))
            {
                place = place[kind.Length..];
            }
        }
        return new ReportHeading(
            string.IsNullOrWhiteSpace(heading.Authority) ? ("UBND " + name.ToUpper(CultureInfo.GetCultureInfo("vi-VN"))).Trim() : heading.Authority.Trim(),
            heading.Office.Trim(),
            heading.NumberSymbol.Trim(),
            string.IsNullOrWhiteSpace(heading.Place) ? place : heading.Place.Trim(),
            heading.SignerTitle.Trim(),
            string.IsNullOrWhiteSpace(heading.SignerName) ? null : heading.SignerName.Trim());
    }

    private static ProgressReportRow Row(int no, string code, string name, Sum now, Sum? then, decimal target)
    {
        var percent = ReportRules.Percent(now.Entered + now.Skipped, now.Target);
        double? previousPercent = then is { } p ? ReportRules.Percent(p.Entered + p.Skipped, p.Target) : null;
        double? change = previousPercent is { } pp ? ReportRules.Change(percent, pp) : null;
        return new ProgressReportRow(no, code, name, now.Target, now.Entered, now.Skipped, percent, previousPercent, change,
            ReportRules.Kind(change), ReportRules.Met(percent, target));
    }

    private async Task<Dictionary<string, Sum>> SnapshotAsync(DateOnly date, List<string> scopes, CancellationToken ct) =>
        (await db.DailySnapshots.AsNoTracking()
            .Where(s => s.Date == date && scopes.Contains(s.Scope))
            .GroupBy(s => s.Scope)
            .Select(g => new { Scope = g.Key, Target = g.Sum(s => s.Target), Books = g.Sum(s => s.Books), Entered = g.Sum(s => s.Entered), Skipped = g.Sum(s => s.Skipped) })
            .ToListAsync(ct))
        .ToDictionary(s => s.Scope, s => new Sum(s.Target, s.Books, s.Entered, s.Skipped));

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static Refusal Refused(int status, Phrase title, string field, Phrase message) =>
        Refused(status, title, new Dictionary<string, Phrase[]> { [field] = [message] });

    private static Refusal Refused(int status, Phrase title, Dictionary<string, Phrase[]> errors) => new(status, title, null, errors);
}
