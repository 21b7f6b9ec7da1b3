using System.Globalization;
using System.Net;
using Entry.Client.Services;
using Entry.Shared.Entries;

namespace Entry.Client.Components.EntryPage;

/// <summary>
/// What the entry form shows: the draft being typed, the reasons under its fields and below it, and — while a stored case is
/// corrected or a refused one reopened — the new case put aside until it comes back.
/// </summary>
public sealed class EntryFormState
{
    public CaseDraft Draft { get; private set; } = new();
    public Dictionary<string, string> Errors { get; set; } = NoErrors();
    /// <summary>The line below the form: a reason that names no field, or a note on the send.</summary>
    public string? Message { get; set; }
    /// <summary>The stored case in the form, when one is being corrected.</summary>
    public Correction? Correcting { get; private set; }
    /// <summary>The keyboard goes to the form's first field at the next render.</summary>
    public bool FocusFirst { get; set; }
    /// <summary>The keyboard goes to the first field a reason names at the next render (after a refused save).</summary>
    public bool FocusFaulty { get; set; }

    /// <summary>The new case being typed while a stored or refused one is in the form; it comes back afterwards.</summary>
    private CaseDraft? _stash;

    /// <summary>Whether a new case waits behind the one in the form (the book counts as not finished while it does).</summary>
    public bool HasStash => _stash is not null;

    /// <summary>The entry number the form is on, else <paramref name="fallback"/>.</summary>
    public int EntryNumberOr(int fallback) =>
        int.TryParse(Draft.EntryNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : fallback;

    /// <summary>Another book: a blank form on <paramref name="entryNumber"/>, nothing put aside.</summary>
    public void StartOver(int entryNumber)
    {
        Draft = CaseDraft.Blank(entryNumber);
        Errors = NoErrors();
        Message = null;
        _stash = null;
        Correcting = null;
        FocusFirst = true;
    }

    /// <summary>The form goes on to the number after <paramref name="entryNumber"/>, or back to the case put aside for a correction.</summary>
    public void MoveOn(int entryNumber)
    {
        if (_stash is { } stashed)
        {
            Draft = stashed;
            _stash = null;
        }
        else
        {
            Draft = Draft.Next(entryNumber + 1);
        }

        Errors = NoErrors();
        FocusFirst = true;
    }

    /// <summary>A skipped number was the form's: the form moves past it.</summary>
    public void Skipped(int entryNumber)
    {
        if (Draft.EntryNumber == entryNumber.ToString(CultureInfo.InvariantCulture) && Correcting is null)
        {
            Draft.EntryNumber = (entryNumber + 1).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The stored case in the form as read; the new one typed so far is put aside.</summary>
    public void BeginCorrection(CaseEntryDetails details)
    {
        _stash = Draft;
        Correcting = new Correction(details.Id, details.Version, details.EntryNumber);
        Draft = CaseDraft.From(details);
        Errors = NoErrors();
        Message = null;
        FocusFirst = true;
    }

    public void EndCorrection()
    {
        Correcting = null;
        Draft = _stash ?? Draft;
        _stash = null;
        Errors = NoErrors();
        Message = null;
        FocusFirst = true;
    }

    /// <summary>A case the server refused in the background, back in the form with its reason, to fix and send as a new case.</summary>
    public void Reopen(CaseEntryRequest request, string? refusal)
    {
        _stash ??= Draft;
        Draft = CaseDraft.From(request);
        Errors = NoErrors();
        Message = refusal;
        FocusFirst = true;
    }

    /// <summary>
    /// A refusal while the clerk waits: what was typed stays, each reason under its field, the others below the form.
    /// False when the problem names no field at all: the page shows it above the form.
    /// </summary>
    public bool ShowRefusal(ApiProblem problem, Func<ApiProblem, string> describe)
    {
        var (errors, other) = FormProblem.Place(problem);

        var shown = true;
        if (problem.Status == HttpStatusCode.Conflict && (problem.Code is "case.entryNumber.loggedUnderOtherId" or "case.entryNumber.loggedOrSkipped"
            || problem.Title is "Entry number already logged" or "Entry number already used"))
        {
            errors["entryNumber"] = describe(problem);
        }
        else if (problem.Errors.Count == 0)
        {
            shown = false;
        }

        Errors = errors;
        Message = other.Count > 0 ? string.Join(" ", other) : null;
        FocusFaulty = errors.Count > 0;
        return shown;
    }

    private static Dictionary<string, string> NoErrors() => new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A stored case reopened in the form: its id, the version read (sent back as If-Match) and its entry number.</summary>
public sealed record Correction(Guid Id, int Version, int EntryNumber);
