using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entry.Server.Features.Shifts;

[JsonConverter(typeof(JsonStringEnumConverter<ShiftTransition>))]
public enum ShiftTransition
{
    [JsonStringEnumMemberName("opened")] Opened = 0,
    [JsonStringEnumMemberName("closed")] Closed = 1,
}

/// <summary>The shift clock's log: each shift boundary is recorded once, on time or caught up after a restart.</summary>
public sealed class ShiftRecord
{
    public long Id { get; init; }
    public required DateOnly Date { get; init; }
    public required int Shift { get; init; }
    public required ShiftTransition Transition { get; init; }
    /// <summary>When the boundary was due.</summary>
    public required DateTimeOffset DueAt { get; init; }
    /// <summary>When the server recorded it; later than <see cref="DueAt"/> for a boundary caught up after downtime.</summary>
    public required DateTimeOffset RecordedAt { get; init; }
}

internal sealed class ShiftRecordConfiguration : IEntityTypeConfiguration<ShiftRecord>
{
    public void Configure(EntityTypeBuilder<ShiftRecord> record)
    {
        record.ToTable("ShiftRecords");
        record.HasIndex(r => new { r.Date, r.Shift, r.Transition }).IsUnique();
        record.HasIndex(r => r.DueAt);
    }
}
