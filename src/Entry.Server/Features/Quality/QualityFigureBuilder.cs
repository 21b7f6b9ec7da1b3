using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Teams;
using Entry.Shared.Auth;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>
/// The measured quality per clerk, team, unit and the province, and who may see which: a clerk their own figures; a
/// leader their team and its clerks; monitors the province (a district monitor their district), units and teams, never
/// named clerks; Admins everything.
/// </summary>
public sealed class QualityFigureBuilder(EntryDb db, MonitorAreas areas)
{
    /// <summary>One settled comparison of a case, with where it was keyed.</summary>
    public sealed record Compared(string ClerkId, int TeamId, string UnitCode, string? DistrictCode, long PassId, bool Sample, double Rate,
        int Fields, int Wrong, bool Arbitrated);

    private sealed record PassOutcome(long PassId, int TeamId, string UnitCode, string? DistrictCode, QualityPassState State);

    public async Task<QualityFigures> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = TeamAccess.UserId(user);
        var area = await areas.OfAsync(user, ct);
        var isAdmin = user.IsInRole(Roles.Admin);
        var compared = await ComparedAsync(area.Province ? null : area.District, ct);
        var passes = await PassesAsync(area.Province ? null : area.District, ct);

        if (!area.SeesNothing)
        {
            var units = await db.Units.AsNoTracking().Select(u => new { u.Code, u.Name, u.DistrictCode, u.Level }).ToListAsync(ct);
            var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name, t.Unit!.DistrictCode }).ToListAsync(ct);
            var unitRows = units
                .Where(u => u.Level != Entry.Shared.Units.UnitLevel.Province && area.MaySeeDistrict(u.DistrictCode))
                .Select(u => Row(u.Code, u.Name,
                    compared.Where(c => c.UnitCode == u.Code || (u.Code == u.DistrictCode && c.DistrictCode == u.Code)),
                    passes.Where(p => p.UnitCode == u.Code || (u.Code == u.DistrictCode && p.DistrictCode == u.Code))))
                .Where(r => r.CasesCompared > 0 || r.BooksAccepted + r.BooksFailed > 0)
                .ToList();
            var teamRows = teams.Where(t => area.MaySeeDistrict(t.DistrictCode))
                .Select(t => Row(t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Name,
                    compared.Where(c => c.TeamId == t.Id), passes.Where(p => p.TeamId == t.Id)))
                .Where(r => r.CasesCompared > 0 || r.BooksAccepted + r.BooksFailed > 0)
                .ToList();
            return new QualityFigures
            {
                Province = area.Province ? Row("province", "province", compared, passes) : null,
                Units = unitRows,
                Teams = teamRows,
                Clerks = isAdmin ? await ClerkRowsAsync(compared, passes, _ => true, ct) : [],
            };
        }
        if (user.IsInRole(Roles.TeamLeader))
        {
            var led = await db.Teams.AsNoTracking().Where(t => t.LeaderId == userId).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
            var ids = led.Select(t => t.Id).ToHashSet();
            return new QualityFigures
            {
                Teams = led.Select(t => Row(t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Name,
                    compared.Where(c => c.TeamId == t.Id), passes.Where(p => p.TeamId == t.Id))).ToList(),
                Clerks = await ClerkRowsAsync(compared, passes, c => ids.Contains(c.TeamId), ct),
            };
        }
        return new QualityFigures { Clerks = await ClerkRowsAsync(compared, passes, c => c.ClerkId == userId, ct) };
    }

    /// <summary>The province's (or a district's) figures, for the dashboard.</summary>
    public async Task<QualityFigureRow> AreaAsync(string? district, CancellationToken ct) =>
        Row(district ?? "province", district ?? "province", await ComparedAsync(district, ct), await PassesAsync(district, ct));

    /// <summary>The figures of report lines: <c>unit:X</c> the books unit X holds itself, <c>district:X</c> the district's whole subtree.</summary>
    public async Task<Dictionary<string, QualityFigureRow>> ForScopesAsync(IReadOnlyList<string> scopes, string? district, CancellationToken ct)
    {
        var compared = await ComparedAsync(district, ct);
        var passes = await PassesAsync(district, ct);
        var rows = new Dictionary<string, QualityFigureRow>();
        foreach (var scope in scopes.Distinct())
        {
            var (kind, code) = (scope.Split(':')[0], scope.Split(':').ElementAtOrDefault(1));
            rows[scope] = kind switch
            {
                "unit" => Row(scope, scope, compared.Where(c => c.UnitCode == code), passes.Where(p => p.UnitCode == code)),
                "district" => Row(scope, scope, compared.Where(c => c.DistrictCode == code), passes.Where(p => p.DistrictCode == code)),
                _ => Row(scope, scope, compared, passes),
            };
        }
        return rows;
    }

    private async Task<List<QualityFigureRow>> ClerkRowsAsync(List<Compared> compared, List<PassOutcome> passes, Func<Compared, bool> shown, CancellationToken ct)
    {
        var mine = compared.Where(shown).ToList();
        var clerkIds = mine.Select(c => c.ClerkId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => clerkIds.Contains(u.Id)).Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        return names.OrderBy(n => n.UserName, StringComparer.Ordinal)
            .Select(n =>
            {
                var own = mine.Where(c => c.ClerkId == n.Id).ToList();
                var passIds = own.Select(c => c.PassId).ToHashSet();
                return Row(n.UserName ?? "", n.DisplayName, own, passes.Where(p => passIds.Contains(p.PassId)));
            })
            .ToList();
    }

    private async Task<List<Compared>> ComparedAsync(string? district, CancellationToken ct)
    {
        var rows = await db.QualityItems.AsNoTracking()
            .Where(i => i.State == QualityItemState.Matched || i.State == QualityItemState.Decided)
            .Where(i => district == null || i.Pass!.Book!.Unit!.DistrictCode == district)
            .Select(i => new
            {
                i.FirstClerkId, i.FirstTeamId, i.Pass!.Book!.UnitCode, i.Pass.Book.Unit!.DistrictCode, i.PassId, i.Pass.Full, i.Rate,
                i.FieldsCompared, i.FieldsWrong, i.State,
            })
            .ToListAsync(ct);
        return rows.Select(r => new Compared(r.FirstClerkId, r.FirstTeamId, r.UnitCode, r.DistrictCode, r.PassId, !r.Full, r.Rate, r.FieldsCompared,
            r.FieldsWrong, r.State == QualityItemState.Decided)).ToList();
    }

    private async Task<List<PassOutcome>> PassesAsync(string? district, CancellationToken ct) =>
        (await db.QualityPasses.AsNoTracking()
            .Where(p => p.State == QualityPassState.Passed || p.State == QualityPassState.Failed)
            .Where(p => district == null || p.Book!.Unit!.DistrictCode == district)
            .Select(p => new { p.Id, p.TeamId, p.Book!.UnitCode, p.Book.Unit!.DistrictCode, p.State })
            .ToListAsync(ct))
        .Select(p => new PassOutcome(p.Id, p.TeamId, p.UnitCode, p.DistrictCode, p.State)).ToList();

    private static QualityFigureRow Row(string key, string name, IEnumerable<Compared> comparedRows, IEnumerable<PassOutcome> passRows)
    {
        var compared = comparedRows.ToList();
        var passes = passRows.ToList();
        var fields = compared.Sum(c => c.Fields);
        var wrong = compared.Sum(c => c.Wrong);
        var (accuracy, low, high) = AccuracyEstimate.Of(compared.Where(c => c.Sample).Select(c => (c.Rate, c.Fields, c.Wrong)).ToList());
        return new QualityFigureRow
        {
            Key = key,
            Name = name,
            FieldsCompared = fields,
            FieldsWrong = wrong,
            ErrorsPerThousand = fields == 0 ? 0 : Math.Round(1000.0 * wrong / fields, 2),
            CasesCompared = compared.Count,
            CasesArbitrated = compared.Count(c => c.Arbitrated),
            BooksAccepted = passes.Count(p => p.State == QualityPassState.Passed),
            BooksFailed = passes.Count(p => p.State == QualityPassState.Failed),
            Accuracy = accuracy,
            AccuracyLow = low,
            AccuracyHigh = high,
        };
    }
}

/// <summary>
/// The estimated share of correct fields of all entered data, from the sample: each compared case weighs 1 / the rate it
/// was drawn at (a ratio estimator, wrong fields over fields). Its 95 % confidence interval uses the variance of Poisson
/// sampling, Σ w(w−1)(y − R·x)² / (Σ w·x)²: a case drawn at rate 1 adds no uncertainty. Full re-keys are not a sample and
/// are left out.
/// </summary>
public static class AccuracyEstimate
{
    public static (double? Accuracy, double? Low, double? High) Of(IReadOnlyList<(double Rate, int Fields, int Wrong)> sample)
    {
        var weightedFields = sample.Sum(s => s.Fields / s.Rate);
        if (sample.Count == 0 || weightedFields <= 0)
        {
            return (null, null, null);
        }
        var ratio = sample.Sum(s => s.Wrong / s.Rate) / weightedFields;
        var variance = sample.Sum(s =>
        {
            var w = 1 / s.Rate;
            var residual = s.Wrong - ratio * s.Fields;
            return w * (w - 1) * residual * residual;
        }) / (weightedFields * weightedFields);
        var half = 1.96 * Math.Sqrt(Math.Max(0, variance));
        var accuracy = 1 - ratio;
        return (Math.Round(accuracy, 6), Math.Round(Math.Max(0, accuracy - half), 6), Math.Round(Math.Min(1, accuracy + half), 6));
    }
}
