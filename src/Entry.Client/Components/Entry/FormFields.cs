namespace Entry.Client.Components.EntryPage;

/// <summary>
/// The form's fields in the order they are shown (each registers itself when it appears), and the one the keyboard is on:
/// to put the keyboard on the first field a refusal names, and back on the field the clerk left for the flag's reason.
/// Cascaded by <c>CaseForm</c>.
/// </summary>
public sealed class FormFields
{
    private readonly List<Field> _fields = [];
    /// <summary>The fields at the bottom of the form (the flag and its reason), after all others whenever the others appeared.</summary>
    private readonly List<Field> _last = [];

    private IEnumerable<Field> InOrder => _fields.Concat(_last);

    /// <summary>The field key (as the server names it) of the field that last took the keyboard.</summary>
    public string? Current { get; private set; }

    public IDisposable Register(string key, Func<ValueTask> focus, bool atTheBottom = false)
    {
        var field = new Field(key, focus, this);
        (atTheBottom ? _last : _fields).Add(field);
        return field;
    }

    public void Focused(string key) => Current = key;

    public async Task<bool> FocusAsync(string? key)
    {
        if (InOrder.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)) is not { } field)
        {
            return false;
        }

        await field.Focus();
        return true;
    }

    /// <summary>Puts the keyboard on the first field, in the form's order, that <paramref name="errors"/> names; false when none.</summary>
    public async Task<bool> FocusFirstFaultyAsync(IReadOnlyDictionary<string, string> errors)
    {
        if (InOrder.FirstOrDefault(f => errors.ContainsKey(f.Key)) is not { } field)
        {
            return false;
        }

        await field.Focus();
        return true;
    }

    private sealed record Field(string Key, Func<ValueTask> Focus, FormFields Owner) : IDisposable
    {
        public void Dispose()
        {
            Owner._fields.Remove(this);
            Owner._last.Remove(this);
        }
    }
}
