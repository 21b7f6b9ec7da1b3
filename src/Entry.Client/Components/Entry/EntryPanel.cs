using Entry.Client.Services;

namespace Entry.Client.Components.EntryPage;

public enum PanelKind
{
    None,
    Skip,
    CountReport,
}

/// <summary>The dialog open over the entry form — skipping a number or reporting the book's case count — and its answer.</summary>
public sealed class EntryPanel
{
    public PanelKind Open { get; private set; }
    public bool Busy { get; set; }
    /// <summary>A reason that names no field of the dialog.</summary>
    public string? Problem { get; set; }
    public Dictionary<string, string>? Errors { get; private set; }

    public void Show(PanelKind panel)
    {
        Open = panel;
        Problem = null;
        Errors = null;
    }

    public void Close() => Open = PanelKind.None;

    /// <summary>The server's reasons under the dialog's fields, or — when it named none — in words above them.</summary>
    public void ShowRefusal(ApiProblem problem, Func<ApiProblem, string> describe)
    {
        Errors = problem.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value), StringComparer.OrdinalIgnoreCase);
        Problem = Errors.Count == 0 ? describe(problem) : null;
    }
}
