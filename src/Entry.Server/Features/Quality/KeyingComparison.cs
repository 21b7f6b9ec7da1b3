using Entry.Server.Features.Cases;
using Entry.Shared.Entries;
using Entry.Shared.Quality;

namespace Entry.Server.Features.Quality;

/// <summary>
/// Two keyings of one case compared field by field, both normalised as at entry (NFC, trimmed, single spaces: the second
/// keying goes through the entry's validation, the first was stored that way). A place compares without letter case
/// ("Trạm Y tế" is "Trạm y tế"); a name, a date, a number or a choice compares exactly. The flag and its reason are the
/// clerk's judgement, not the paper's, and the entry number is what pairs the keyings: neither is compared.
/// </summary>
public static class KeyingComparison
{
    private static readonly HashSet<string> NotCompared = ["entryNumber", "needsVerification", "verificationReason"];

    public static Dictionary<string, string?> Fields(CaseEntryRequest keying) =>
        CaseSnapshot.Of(keying).Where(f => !NotCompared.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value);

    public static List<ComparedField> Compare(IReadOnlyDictionary<string, string?> first, IReadOnlyDictionary<string, string?> second) =>
        first.Keys.Union(second.Keys)
            .Select(k => new ComparedField(k, first.GetValueOrDefault(k), second.GetValueOrDefault(k), !Same(k, first.GetValueOrDefault(k), second.GetValueOrDefault(k))))
            .ToList();

    /// <summary>How many fields of <paramref name="keying"/> differ from <paramref name="decided"/>.</summary>
    public static int Wrong(IReadOnlyDictionary<string, string?> keying, IReadOnlyDictionary<string, string?> decided) =>
        Compare(keying, decided).Count(f => f.Differs);

    public static bool Same(string field, string? a, string? b) =>
        IsPlace(field) ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) || string.Equals(a?.ToLowerInvariant(), b?.ToLowerInvariant(), StringComparison.Ordinal)
            : string.Equals(a, b, StringComparison.Ordinal);

    private static bool IsPlace(string field) => field.EndsWith("placeOfBirth", StringComparison.Ordinal) || field.EndsWith("placeOfDeath", StringComparison.Ordinal)
        || field.EndsWith("registrationPlace", StringComparison.Ordinal);
}
