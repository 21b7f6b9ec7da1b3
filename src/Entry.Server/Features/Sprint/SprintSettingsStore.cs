using Entry.Server.Data;
using Entry.Server.Features.Shifts;
using Entry.Shared.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Sprint;

/// <summary>Reads the sprint's settings; until an Admin sets them: from today for <see cref="DefaultDays"/> days, target <see cref="DefaultTargetPercent"/> %.</summary>
public sealed class SprintSettingsStore(EntryDb db, TimeProvider time)
{
    public const int DefaultDays = 30;
    public const decimal DefaultTargetPercent = 80m;

    public async Task<SprintSettingsResponse> GetAsync(CancellationToken ct)
    {
        var row = await db.SprintSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == SprintSettings.SingletonId, ct);
        if (row is not null)
        {
            return new SprintSettingsResponse(row.StartDate, row.EndDate, row.ReportTargetPercent, row.UpdatedAt, row.UpdatedBy);
        }
        var today = ShiftCalendar.LocalDate(time.GetUtcNow());
        return new SprintSettingsResponse(today, today.AddDays(DefaultDays), DefaultTargetPercent, null, null);
    }
}
