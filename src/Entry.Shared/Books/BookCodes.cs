namespace Entry.Shared.Books;

/// <summary>
/// What a book code may be, wherever one is accepted (the import, and routes such as <c>/api/books/{bookCode}/claim</c>):
/// 1–64 characters among the ASCII letters, digits, '-', '_' and '.', starting and ending with a letter or a digit.
/// So a code is always safe in a URL path segment (no '/', '?', '#', '%', space, "." or ".."), never starts like a
/// spreadsheet formula ('=', '+', '-', '@'), and compares case-insensitively as a whole (ks-689-1970-01 is KS-689-1970-01).
/// </summary>
public static class BookCodes
{
    public const int MaxLength = 64;

    /// <summary>Codes are unique regardless of letter case; the database column compares with NOCASE the same way.</summary>
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public const string Rule = "book_code must be 1-64 characters among the letters A-Z and a-z, the digits, '-', '_' and '.', and starts and ends with a letter or a digit";

    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>Why the code is not one, or null when it is; the reason never quotes the code.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "book_code is missing";
        }
        if (code.Length > MaxLength)
        {
            return $"book_code is longer than {MaxLength} characters";
        }
        if (code.Any(char.IsControl))
        {
            return "book_code contains a line break or another control character";
        }
        if (!code.All(IsCodeCharacter) || !char.IsAsciiLetterOrDigit(code[0]) || !char.IsAsciiLetterOrDigit(code[^1]))
        {
            return Rule;
        }
        return null;
    }

    /// <summary>A character a code may hold (also what a search by a part of a code may hold).</summary>
    public static bool IsCodeCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
