namespace Entry.Server.Common;

/// <summary>
/// What an answer may quote of what it was sent: a value cut to <see cref="MaxLength"/> characters, a list to its first
/// <see cref="MaxItems"/> values and a count of the rest — so a huge request never makes a huge answer.
/// </summary>
public static class Echo
{
    public const int MaxLength = 64;
    public const int MaxItems = 10;

    public static string Value(string s) => s.Length <= MaxLength ? s : string.Concat(s.AsSpan(0, MaxLength - 1), "…");

    public static string List(IReadOnlyCollection<string> values)
    {
        var shown = string.Join(", ", values.Take(MaxItems).Select(Value));
        return values.Count <= MaxItems ? shown : $"{shown} and {values.Count - MaxItems} more";
    }
}
