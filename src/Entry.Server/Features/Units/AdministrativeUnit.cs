using Entry.Shared.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Units;

/// <summary>A province, district or commune, by its official code.</summary>
public sealed class AdministrativeUnit
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    /// <summary>The official kind: Tỉnh, Huyện, Thị xã, Thành phố, Xã, Phường, Thị trấn.</summary>
    public required string Kind { get; set; }
    public required UnitLevel Level { get; set; }
    public string? ParentCode { get; set; }
    /// <summary>The ancestor directly under the root (the district; the commune itself where there is no district level); null for the root.</summary>
    public string? DistrictCode { get; set; }
}

internal sealed class AdministrativeUnitConfiguration : IEntityTypeConfiguration<AdministrativeUnit>
{
    public void Configure(EntityTypeBuilder<AdministrativeUnit> unit)
    {
        unit.ToTable("Units");
        unit.HasKey(u => u.Code);
        unit.Property(u => u.Code).HasMaxLength(16);
        unit.Property(u => u.Name).HasMaxLength(200);
        unit.Property(u => u.Kind).HasMaxLength(50);
        unit.Property(u => u.ParentCode).HasMaxLength(16);
        unit.Property(u => u.DistrictCode).HasMaxLength(16);
        unit.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(u => u.ParentCode).OnDelete(DeleteBehavior.Restrict);
        unit.HasIndex(u => u.ParentCode);
        unit.HasIndex(u => u.DistrictCode);
    }
}
