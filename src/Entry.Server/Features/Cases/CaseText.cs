using Entry.Server.Common;

namespace Entry.Server.Features.Cases;

/// <summary>
/// Names and places as they are stored: Unicode NFC, trimmed, inner runs of spaces collapsed to one (<see cref="TextField"/>).
/// A name holds letters of any script (with at most two combining marks each), spaces, apostrophes (' and ’) and hyphens,
/// so the province's S'tiêng and M'nông names (Điểu K'Lung, Thị H'Bia, Y-Bih) pass; invisible letters (Hangul fillers),
/// zero-width, bidi, control, private-use and unassigned code points do not. A place also holds digits and punctuation.
/// </summary>
public static class CaseText
{
    public const int MinNameLength = 2;
    public const int MaxNameLength = 100;
    public const int MinPlaceLength = 2;
    public const int MaxPlaceLength = 200;

    /// <summary>The stored form and why it is refused; a blank text is (null, null).</summary>
    public static (string? Text, Phrase? Problem) Name(string? raw) => TextField.Clean(raw, TextKind.Name, MaxNameLength, MinNameLength);

    /// <summary>The stored form and why it is refused; a blank text is (null, null).</summary>
    public static (string? Text, Phrase? Problem) Place(string? raw) => TextField.Clean(raw, TextKind.Place, MaxPlaceLength, MinPlaceLength);
}
