namespace Entry.Shared.Books;

/// <summary>The spellings of types and conditions used in the import CSV.</summary>
public static class BookNames
{
    /// <summary>The day the civil-registry software took over: books registered from this day on are not entered.</summary>
    public static readonly DateOnly Cutoff = new(2019, 4, 1);

    /// <summary>The largest case count a single paper book can plausibly hold.</summary>
    public const int MaxCaseCount = 5000;

    public static string ToCsv(BookType type) => type switch
    {
        BookType.Birth => "birth",
        BookType.Marriage => "marriage",
        BookType.Death => "death",
        BookType.Adoption => "adoption",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string ToCsv(BookCondition condition) => condition switch
    {
        BookCondition.Good => "good",
        BookCondition.Worn => "worn",
        BookCondition.Damaged => "damaged",
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    /// <summary>Accepts the English names and the Vietnamese ones of the campaign plan, in any letter case.</summary>
    public static bool TryParseType(string? text, out BookType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "birth" or "khai-sinh": type = BookType.Birth; return true;
            case "marriage" or "ket-hon": type = BookType.Marriage; return true;
            case "death" or "khai-tu": type = BookType.Death; return true;
            case "adoption" or "nuoi-con-nuoi": type = BookType.Adoption; return true;
            default: type = default; return false;
        }
    }

    public static bool TryParseCondition(string? text, out BookCondition condition)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "good": condition = BookCondition.Good; return true;
            case "worn": condition = BookCondition.Worn; return true;
            case "damaged": condition = BookCondition.Damaged; return true;
            default: condition = default; return false;
        }
    }

    public static bool TryParseStatus(string? text, out BookStatus status)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "notstarted" or "not-started": status = BookStatus.NotStarted; return true;
            case "inprogress" or "in-progress": status = BookStatus.InProgress; return true;
            case "finished": status = BookStatus.Finished; return true;
            default: status = default; return false;
        }
    }
}
