using System.Globalization;
using System.Text;

namespace Entry.Server.Common;

/// <summary>What a text field holds, which decides what it accepts.</summary>
public enum TextKind
{
    /// <summary>A person's name: letters of any script with their marks, spaces, apostrophes (' ’) and hyphens.</summary>
    Name,
    /// <summary>A place or address, a team's name, a display name: letters, digits, punctuation such as , . / - ( ) and a few symbols.</summary>
    Place,
    /// <summary>Free text (a note, a reason): any visible text and line breaks; no bidi control, private-use or unassigned code point.</summary>
    Note,
}

/// <summary>
/// The one way a request's text becomes stored text: normalised (<see cref="UnicodeText.Normalize"/>) and checked against its
/// kind. Answers why it is refused instead of throwing; the message never quotes the text, which may be personal data.
/// </summary>
public static class TextField
{
    /// <summary>How many combining marks may follow one letter once composed (NFC leaves none on Vietnamese letters).</summary>
    public const int MaxMarksPerLetter = 2;

    /// <summary>The normalised text (null when absent or blank) and why it is refused (null when accepted).</summary>
    public static (string? Text, Phrase? Problem) Clean(string? raw, TextKind kind, int maxLength, int minLength = 1)
    {
        var text = kind == TextKind.Note ? NormalizeNote(raw) : UnicodeText.Normalize(raw);
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }
        return (text, Problem(text, kind, minLength, maxLength));
    }

    /// <summary>Why a normalised text is refused, or null.</summary>
    public static Phrase? Problem(string text, TextKind kind, int minLength, int maxLength)
    {
        var what = kind switch { TextKind.Name => "name", TextKind.Place => "place", _ => "note" };
        if (UnicodeText.HasForbidden(text))
        {
            return Phrase.Of($"text.forbidden.{what}");
        }
        if (text.Length < minLength || text.Length > maxLength)
        {
            return minLength > 1 ? Phrase.Of($"text.length.{what}", minLength, maxLength) : Phrase.Of($"text.maxLength.{what}", maxLength);
        }
        return kind switch
        {
            TextKind.Name => NameProblem(text),
            TextKind.Place => PlaceProblem(text),
            _ => NoteProblem(text),
        };
    }

    private static Phrase? NameProblem(string name)
    {
        var hasLetter = false;
        var marks = -1;
        foreach (var r in UnicodeText.Runes(name))
        {
            var rune = r!.Value;
            if (UnicodeText.IsLetter(rune))
            {
                hasLetter = true;
                marks = 0;
            }
            else if (UnicodeText.IsMark(rune) && marks >= 0 && marks < MaxMarksPerLetter)
            {
                marks++;
            }
            else if (rune.Value is ' ' or '\'' or '’' or '-')
            {
                marks = -1;
            }
            else
            {
                return Phrase.Of("text.name.characters");
            }
        }
        return hasLetter ? null : Phrase.Of("text.name.noLetter");
    }

    private static Phrase? PlaceProblem(string place)
    {
        var hasLetterOrDigit = false;
        var marks = -1;
        foreach (var r in UnicodeText.Runes(place))
        {
            var rune = r!.Value;
            if (UnicodeText.IsLetter(rune) || Rune.IsNumber(rune))
            {
                hasLetterOrDigit = true;
                marks = 0;
            }
            else if (UnicodeText.IsMark(rune) && marks >= 0 && marks < MaxMarksPerLetter)
            {
                marks++;
            }
            else if (rune.Value == ' ' || Rune.IsPunctuation(rune) || IsPlaceSymbol(rune))
            {
                marks = -1;
            }
            else
            {
                return Phrase.Of("text.place.characters");
            }
        }
        return hasLetterOrDigit ? null : Phrase.Of("text.place.noLetter");
    }

    /// <summary>Symbols an address is written with (+ = ° № and the like); not pictographs.</summary>
    private static bool IsPlaceSymbol(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
        || rune.Value is '°' or '№';

    private static Phrase? NoteProblem(string note)
    {
        var visible = false;
        foreach (var r in UnicodeText.Runes(note))
        {
            var rune = r!.Value;
            var category = Rune.GetUnicodeCategory(rune);
            if (UnicodeText.IsBidiControl(rune) || category is UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return Phrase.Of("text.note.characters");
            }
            visible |= UnicodeText.IsVisible(rune);
        }
        return visible ? null : Phrase.Of("text.note.invisible");
    }

    /// <summary>A note keeps its line breaks: NFC and trimmed only.</summary>
    private static string? NormalizeNote(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        var trimmed = raw.Trim();
        return UnicodeText.HasForbidden(trimmed) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }
}
