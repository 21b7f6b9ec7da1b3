using System.Globalization;
using Entry.Client.Resources;
using Entry.Shared.Books;
using Entry.Shared.Shifts;
using Entry.Shared.Teams;
using Entry.Shared.Units;
using Microsoft.Extensions.Localization;

namespace Entry.Client.Services;

/// <summary>How numbers, dates and enum values read in the chosen culture (vi-VN: 1.457.884; en-GB: 1,457,884; dates dd/MM/yyyy in both).</summary>
public static class Display
{
    public static readonly IReadOnlyList<BookType> Types = [BookType.Birth, BookType.Marriage, BookType.Death, BookType.Adoption];

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Date(DateOnly value) => value.ToString("d", CultureInfo.CurrentCulture);

    public static string Name(this IStringLocalizer<Strings> l, BookType type) => l["Type_" + type];

    public static string Name(this IStringLocalizer<Strings> l, BookCondition condition) => l["Condition_" + condition];

    public static string Name(this IStringLocalizer<Strings> l, BookStatus status) => l["Status_" + status];

    public static readonly IReadOnlyList<MemberCategory> Categories = [MemberCategory.CivilRegistryOfficer, MemberCategory.PoliceOfficer, MemberCategory.Other];

    public static string Name(this IStringLocalizer<Strings> l, MemberCategory category) => l["Category_" + category];

    public static string Name(this IStringLocalizer<Strings> l, UnitLevel level) => l["Level_" + level];

    /// <summary>A broken shift rule in the app's language; the server's English words for a code this app does not know.</summary>
    public static string Describe(this IStringLocalizer<Strings> l, ShiftIssue issue)
    {
        var text = l["Issue_" + issue.Code];
        return text.ResourceNotFound ? issue.Message : text.Value;
    }

    /// <summary>Day and month, day first in both languages: 24/11.</summary>
    public static string DayMonth(this IStringLocalizer<Strings> l, DateOnly value) => value.ToString(l["DayMonthFormat"], CultureInfo.CurrentCulture);

    public static string Weekday(DateOnly value) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(value.DayOfWeek);

    /// <summary>Hours and minutes in the offset the server gave (Asia/Ho_Chi_Minh), whatever the browser's time zone.</summary>
    public static string Time(DateTimeOffset value) => value.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? value) => value is { } date ? Date(date) : "—";
}
