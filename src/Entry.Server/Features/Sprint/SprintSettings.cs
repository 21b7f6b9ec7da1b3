using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Entry.Server.Features.Sprint;

/// <summary>The one row of the sprint's settings an Admin sets: its dates and the periodic report's target percentage.</summary>
public sealed class SprintSettings
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    /// <summary>A unit reaching this percentage done is "Đạt" in the report.</summary>
    public decimal ReportTargetPercent { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

internal sealed class SprintSettingsConfiguration : IEntityTypeConfiguration<SprintSettings>
{
    public void Configure(EntityTypeBuilder<SprintSettings> settings)
    {
        settings.ToTable("SprintSettings");
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.ReportTargetPercent).HasPrecision(5, 2);
        settings.Property(s => s.UpdatedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        settings.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
