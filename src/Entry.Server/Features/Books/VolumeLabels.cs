using System.Globalization;
using System.Text;
using Entry.Server.Common;
using Entry.Server.Features.Spreadsheets;

namespace Entry.Server.Features.Books;

/// <summary>
/// The volume of a book is the label written on it ("1", "Quyển 1, tập 2", "01/2005"): text, stored in NFC,
/// 1–50 characters, holding a letter or a digit, with no control or invisible character, and not starting
/// like a spreadsheet formula ('=', '+', '-', '@').
/// </summary>
public static class VolumeLabels
{
    public const int MaxLength = 50;

    /// <summary>The label in NFC and trimmed, or the reason it is refused (which never quotes it).</summary>
    public static (string? Label, Common.Phrase? Problem) Normalize(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return (null, Common.Phrase.Of("volume.missing"));
        }
        if (trimmed.Length > MaxLength * 4)
        {
            return (null, Common.Phrase.Of("volume.tooLong", MaxLength));
        }
        string label;
        try
        {
            label = trimmed.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate or a noncharacter: normalisation refuses it, and so do we.
            return (null, Common.Phrase.Of("volume.notText"));
        }
        if (label.Length > MaxLength)
        {
            return (null, Common.Phrase.Of("volume.tooLong", MaxLength));
        }
        if (label.EnumerateRunes().Any(IsInvisible))
        {
            return (null, Common.Phrase.Of("volume.invisible"));
        }
        if (SpreadsheetText.IsFormulaStart(label[0]))
        {
            return (null, Common.Phrase.Of("volume.formula"));
        }
        if (!label.Any(char.IsLetterOrDigit))
        {
            return (null, Common.Phrase.Of("volume.noLetter"));
        }
        return (label, null);
    }

    private static bool IsInvisible(Rune r) =>
        UnicodeText.IsFiller(r)
        || (Rune.IsWhiteSpace(r) && r.Value != ' ')
        || Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
