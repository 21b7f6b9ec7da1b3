using System.Globalization;
using System.Text;

namespace Entry.Server.Common;

/// <summary>
/// What the code points of a text are, for the rules of <see cref="TextField"/> and the JSON reader. Works on UTF-16 as the
/// server holds it, so a lone surrogate (which no UTF-8 can carry, and which normalisation refuses) is found too.
/// </summary>
public static class UnicodeText
{
    /// <summary>
    /// Whether the text holds something no text of a request may hold: a lone surrogate, a noncharacter (U+FDD0–U+FDEF and
    /// U+nFFFE/U+nFFFF, which <see cref="string.Normalize()"/> refuses), or a control character other than tab, line feed and
    /// carriage return.
    /// </summary>
    public static bool HasForbidden(string text) => HasForbidden(text, allowLineBreaks: true);

    /// <summary>As <see cref="HasForbidden(string)"/>; without <paramref name="allowLineBreaks"/> tab, line feed and carriage return are refused too.</summary>
    public static bool HasForbidden(string text, bool allowLineBreaks)
    {
        foreach (var problem in Runes(text))
        {
            if (problem is not { } rune || IsNoncharacter(rune) || (Rune.IsControl(rune) && !(allowLineBreaks && rune.Value is '\t' or '\n' or '\r')))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text's code points; null for a lone surrogate.</summary>
    public static IEnumerable<Rune?> Runes(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                yield return rune;
            }
            else
            {
                yield return null;
            }
            i += used;
        }
    }

    public static bool IsNoncharacter(Rune rune) => rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;

    /// <summary>Bidi embeddings, overrides, isolates and marks: they reorder what is shown around them.</summary>
    public static bool IsBidiControl(Rune rune) =>
        rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x200E or 0x200F or 0x061C;

    /// <summary>Characters that show nothing though not spaces by category: Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the blank braille pattern (U+2800).</summary>
    public static bool IsFiller(Rune rune) => rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;

    /// <summary>A letter a person's name or a place is written with: any script's, but not a filler.</summary>
    public static bool IsLetter(Rune rune) => Rune.IsLetter(rune) && !IsFiller(rune);

    public static bool IsMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>Something that shows: a letter, digit, punctuation or symbol (not a space, control, format or unassigned code point).</summary>
    public static bool IsVisible(Rune rune) =>
        !IsFiller(rune) && (Rune.IsLetter(rune) || Rune.IsNumber(rune) || Rune.IsPunctuation(rune) || Rune.IsSymbol(rune) || IsMark(rune));

    /// <summary>NFC, trimmed, inner runs of spaces (U+0020 and the other space separators) made one space; null stays null.
    /// A text <see cref="HasForbidden"/> would make normalisation throw: it is only trimmed, for the caller to refuse.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var composed = HasForbidden(text) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        var pendingSpace = false;
        foreach (var c in composed.Trim())
        {
            if (char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator)
            {
                pendingSpace = true;
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
}
