using System.Collections;
using System.Globalization;
using System.Resources;

namespace Entry.Server.Common;

/// <summary>
/// A sentence for a person, kept as its stable code (a key of <c>Resources/ServerText</c>) and its arguments, and worded
/// only when it is written into an answer: in the request's language (<see cref="CultureInfo.CurrentUICulture"/>, set
/// from <c>Accept-Language</c>), so a refusal built on a background writer still reads in the language of the request
/// that gets it. Dates inside a sentence are always day-first (dd/MM/yyyy), never ISO.
/// </summary>
public sealed class Phrase
{
    private static readonly ResourceManager Texts = new("Entry.Server.Resources.ServerText", typeof(Phrase).Assembly);
    private readonly string? literal;

    private Phrase(string? code, object?[] args, string? literal)
    {
        Code = code;
        Args = args;
        this.literal = literal;
    }

    /// <summary>The resource key, which clients may read as a stable code; null for a literal text.</summary>
    public string? Code { get; }

    public IReadOnlyList<object?> Args { get; }

    public static Phrase Of(string code, params object?[] args) => new(code, args, null);

    /// <summary>A text not (yet) in the resources, written as given in every language.</summary>
    public static implicit operator Phrase(string literal) => new(null, [], literal);

    public override string ToString() => Word(CultureInfo.CurrentUICulture);

    public string Word(CultureInfo culture)
    {
        if (Code is null)
        {
            return literal ?? "";
        }
        var template = Texts.GetString(Code, culture) ?? throw new InvalidOperationException($"No server text {Code}.");
        return Args.Count == 0 ? template : string.Format(culture, template, Args.Select(a => Argument(a, culture)).ToArray());
    }

    /// <summary>The arguments as data for a client (a nested phrase by its code), for the problem's <c>args</c>.</summary>
    public object?[] ArgsAsData() => Args.Select(a => a is Phrase p ? p.Code ?? p.literal : a).ToArray();

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static object? Argument(object? value, CultureInfo culture) => value switch
    {
        Phrase phrase => phrase.Word(culture),
        DateOnly date => Date(date),
        DateTime time => time.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
        DateTimeOffset time => Features.Shifts.ShiftCalendar.ToLocal(time).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
        string text => text,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(i => Argument(i, culture))),
        _ => value,
    };

    /// <summary>Every key of the resources, for the test that each has both languages.</summary>
    internal static IEnumerable<string> Keys() =>
        Texts.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key);

    /// <summary>The text of a key in one language only (no fallback to the neutral Vietnamese), or null.</summary>
    internal static string? OwnText(string code, CultureInfo culture) =>
        Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(code);
}
