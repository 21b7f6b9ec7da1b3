using System.Globalization;
using Entry.Client.Resources;
using Entry.Client.Services;
using Entry.Shared.Monitoring;
using Microsoft.Extensions.Localization;

namespace Entry.Client.Components.Monitoring;

/// <summary>How the monitoring pages write percentages, changes and ages in the chosen culture (vi-VN: 12,5%).</summary>
public static class MonitorDisplay
{
    /// <summary>One decimal at most: 12,5% in Vietnamese, 12.5% in English.</summary>
    public static string Percent(double value) => value.ToString("0.#", CultureInfo.CurrentCulture) + "%";

    /// <summary>A share done on the dashboard: "12,5%", and two decimals under 1 % so the first cases of a campaign show ("0,04%").</summary>
    public static string Progress(double value) =>
        value.ToString(value is > 0 and < 1 ? "0.##" : "0.#", CultureInfo.CurrentCulture) + "%";

    public static string Decimal(double value) => value.ToString("N1", CultureInfo.CurrentCulture);

    /// <summary>The report's change: Tăng 0,4% / Giảm 9,5% / Bằng in Vietnamese (the province's words), Up/Down/Same in English.</summary>
    public static string Change(this IStringLocalizer<MonitorStrings> m, double? change) => !CultureChoice.IsEnglish ? ReportRules.ChangeText(change) : ReportRules.Kind(change) switch
    {
        ReportChange.Up => string.Format(CultureInfo.CurrentCulture, m["ChangeUp"], Percent(change!.Value)),
        ReportChange.Down => string.Format(CultureInfo.CurrentCulture, m["ChangeDown"], Percent(-change!.Value)),
        ReportChange.Same => m["ChangeSame"],
        _ => "",
    };

    public static string Result(this IStringLocalizer<MonitorStrings> m, bool met) =>
        !CultureChoice.IsEnglish ? ReportRules.ResultText(met) : met ? m["Met"] : m["NotMet"];

    /// <summary>Seconds as whole minutes ("3 phút"); under a minute reads "&lt; 1 phút".</summary>
    public static string Minutes(this IStringLocalizer<MonitorStrings> m, double? seconds) => seconds switch
    {
        null => "—",
        < 60 => m["UnderAMinute"],
        _ => string.Format(CultureInfo.CurrentCulture, m["MinutesN"], Math.Floor(seconds.Value / 60).ToString("N0", CultureInfo.CurrentCulture)),
    };

    /// <summary>A 0–100 bar width that never spills out of its cell.</summary>
    public static string BarWidth(double percent) => Math.Clamp(percent, 0, 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
