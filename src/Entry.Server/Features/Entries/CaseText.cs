using System.Globalization;
using System.Text;

namespace Entry.Server.Features.Entries;

/// <summary>
/// Names and places as they are stored: Unicode NFC, trimmed, inner runs of white space collapsed to one space.
/// A name holds letters of any script (with their combining marks), spaces, apostrophes (' and ’) and hyphens,
/// so the province's S'tiêng and M'nông names (Điểu K'Lung, Thị H'Bia, Y-Bih) pass.
/// </summary>
public static class CaseText
{
    public const int MinNameLength = 2;
    public const int MaxNameLength = 100;
    public const int MinPlaceLength = 2;
    public const int MaxPlaceLength = 200;

    /// <summary>NFC, trimmed, inner white space collapsed; null stays null.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Why a normalised name is refused, or null when it is a name. Never quotes the name.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length < MinNameLength || name.Length > MaxNameLength)
        {
            return $"A name is {MinNameLength} to {MaxNameLength} characters long.";
        }
        var hasLetter = false;
        var previousIsLetter = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var category = char.GetUnicodeCategory(name, i);
            if (char.IsSurrogatePair(name, i))
            {
                i++;
            }
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter:
                    hasLetter = previousIsLetter = true;
                    break;
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark when previousIsLetter:
                    break;
                default:
                    if (c is not (' ' or '\'' or '’' or '-'))
                    {
                        return "A name holds only letters, spaces, apostrophes and hyphens.";
                    }
                    previousIsLetter = false;
                    break;
            }
        }
        return hasLetter ? null : "A name must contain a letter.";
    }

    /// <summary>Why a normalised place is refused, or null when it is acceptable free text.</summary>
    public static string? PlaceProblem(string place)
    {
        if (place.Length < MinPlaceLength || place.Length > MaxPlaceLength)
        {
            return $"A place is {MinPlaceLength} to {MaxPlaceLength} characters long.";
        }
        return place.Any(char.IsControl) ? "A place cannot hold control characters." : null;
    }
}
