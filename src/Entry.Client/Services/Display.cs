using System.Globalization;
using Entry.Client.Resources;
using Entry.Shared.Books;
using Microsoft.Extensions.Localization;

namespace Entry.Client.Services;

/// <summary>How numbers, dates and enum values read in the chosen culture (vi-VN: 1.457.884; en-US: 1,457,884).</summary>
public static class Display
{
    public static readonly IReadOnlyList<BookType> Types = [BookType.Birth, BookType.Marriage, BookType.Death, BookType.Adoption];

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Date(DateOnly value) => value.ToString("d", CultureInfo.CurrentCulture);

    public static string Name(this IStringLocalizer<Strings> l, BookType type) => l["Type_" + type];

    public static string Name(this IStringLocalizer<Strings> l, BookCondition condition) => l["Condition_" + condition];

    public static string Name(this IStringLocalizer<Strings> l, BookStatus status) => l["Status_" + status];
}
