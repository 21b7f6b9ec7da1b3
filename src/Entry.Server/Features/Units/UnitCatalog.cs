using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Entry.Server.Data;
using Entry.Shared.Units;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Units;

/// <summary>Loads a province's administrative units from the GSO list format: <c>code,name,type,level,parent_code</c>.</summary>
public static class UnitCatalog
{
    public const string EmbeddedBinhPhuoc = "Entry.Server.Data.Reference.binh-phuoc-units.csv";

    public static Stream OpenEmbeddedBinhPhuoc() =>
        typeof(UnitCatalog).Assembly.GetManifestResourceStream(EmbeddedBinhPhuoc)
        ?? throw new InvalidOperationException($"Embedded resource {EmbeddedBinhPhuoc} is missing.");

    /// <summary>Reads the list and works out each unit's district (the ancestor just under the root).</summary>
    public static IReadOnlyList<AdministrativeUnit> Read(Stream csv)
    {
        using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
        };
        using var parser = new CsvReader(reader, config);
        var units = new List<AdministrativeUnit>();
        foreach (var row in parser.GetRecords<UnitRow>())
        {
            var level = row.Level.ToLowerInvariant() switch
            {
                "province" => UnitLevel.Province,
                "district" => UnitLevel.District,
                "commune" => UnitLevel.Commune,
                _ => throw new InvalidDataException($"Unit {row.Code}: unknown level '{row.Level}'."),
            };
            units.Add(new AdministrativeUnit
            {
                Code = row.Code,
                Name = row.Name.Normalize(System.Text.NormalizationForm.FormC),
                Kind = row.Type,
                Level = level,
                ParentCode = string.IsNullOrWhiteSpace(row.Parent_Code) ? null : row.Parent_Code,
            });
        }

        var byCode = units.ToDictionary(u => u.Code);
        foreach (var unit in units)
        {
            if (unit.ParentCode is { } parent && !byCode.ContainsKey(parent))
            {
                throw new InvalidDataException($"Unit {unit.Code}: parent {parent} is not in the list.");
            }
            unit.DistrictCode = DistrictOf(unit, byCode);
        }
        if (units.Count(u => u.ParentCode is null) != 1)
        {
            throw new InvalidDataException("The unit list must have exactly one root (the province).");
        }
        return units;
    }

    private static string? DistrictOf(AdministrativeUnit unit, Dictionary<string, AdministrativeUnit> byCode)
    {
        if (unit.ParentCode is null)
        {
            return null;
        }
        var current = unit;
        for (var depth = 0; depth < 10; depth++)
        {
            var parent = byCode[current.ParentCode!];
            if (parent.ParentCode is null)
            {
                return current.Code;
            }
            current = parent;
        }
        throw new InvalidDataException($"Unit {unit.Code}: the tree is deeper than 10 levels or has a cycle.");
    }

    /// <summary>Stores the list when the database has no units yet; returns how many were added.</summary>
    public static async Task<int> LoadIfEmptyAsync(EntryDb db, Func<Stream> open, CancellationToken ct)
    {
        if (await db.Units.AnyAsync(ct))
        {
            return 0;
        }
        await using var stream = open();
        var units = Read(stream);
        // Parents first, so the self-reference holds at every insert.
        db.Units.AddRange(units.OrderBy(u => u.Level));
        await db.SaveChangesAsync(ct);
        return units.Count;
    }

    private sealed class UnitRow
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public string Level { get; set; } = "";
        public string? Parent_Code { get; set; }
    }
}
