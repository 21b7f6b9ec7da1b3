using System.Globalization;
using System.Text;

namespace Entry.Client.Services;

/// <summary>Text as a search compares it: lower case, without Vietnamese marks (đ as d), single spaces — "dong xoai" finds "Đồng Xoài".</summary>
public static class SearchText
{
    public static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && folded.Length > 0)
            {
                folded.Append(' ');
            }
            space = false;
            folded.Append(c);
        }
        return folded.ToString();
    }
}
