using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Entry.Server.Common;

/// <summary>
/// Why a request was refused: the HTTP status, a title, a sentence for the user and, when fields are at fault, each
/// field with its reasons. Every feature answers a refusal with this one type; <see cref="ToProblem"/> is the one place
/// that turns it into problem details, worded in the request's language (<see cref="Phrase"/>), with the stable
/// <c>code</c> of the refusal (and its <c>args</c>) beside them.
/// </summary>
public sealed record Refusal(int Status, Phrase Title, Phrase? Detail = null, IReadOnlyDictionary<string, Phrase[]>? Errors = null)
{
    /// <summary>The title of field errors: one shape for clients whatever the feature.</summary>
    public static Phrase InvalidTitle => Phrase.Of("invalid.title");

    public static Refusal Invalid(IReadOnlyDictionary<string, Phrase[]> errors) => new(StatusCodes.Status400BadRequest, InvalidTitle, null, errors);

    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Invalid(errors.ToDictionary(e => e.Key, e => e.Value.Select(v => (Phrase)v).ToArray()));

    public static Refusal Invalid(string field, Phrase reason) => Invalid(new Dictionary<string, Phrase[]> { [field] = [reason] });

    public static Refusal NotFound(Phrase title, Phrase detail) => new(StatusCodes.Status404NotFound, title, detail);

    public static Refusal Forbidden(Phrase title, Phrase detail) => new(StatusCodes.Status403Forbidden, title, detail);

    public static Refusal Conflict(Phrase title, Phrase detail, IReadOnlyDictionary<string, Phrase[]>? errors = null) =>
        new(StatusCodes.Status409Conflict, title, detail, errors);

    /// <summary>The same refusal with the field errors given (a conflict that names the field it is about).</summary>
    public Refusal WithErrors(string field, Phrase reason) => this with { Errors = new Dictionary<string, Phrase[]> { [field] = [reason] } };

    /// <summary>
    /// Members a client reads beside the standard ones, by name: a sign-in's <c>code</c>, a refused shift plan's <c>issues</c>,
    /// the <c>runId</c> of the reconciliation already running.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>The same refusal with one more member beside the standard ones.</summary>
    public Refusal With(string name, object? value) =>
        this with { Extensions = new Dictionary<string, object?>(Extensions ?? new Dictionary<string, object?>()) { [name] = value } };

    /// <summary>
    /// The refusal's stable code: the one given by <see cref="With"/>, else the detail's, else the first field error's, else the title's.
    /// </summary>
    public string? Code =>
        Extensions?.GetValueOrDefault("code") as string ?? Detail?.Code ?? Errors?.Values.SelectMany(v => v).FirstOrDefault(p => p.Code is not null)?.Code ?? Title.Code;

    /// <summary>
    /// Problem details (RFC 9457): status, title, detail and, when there are any, <c>errors</c> by field (with their codes in
    /// <c>errorCodes</c>), the <c>code</c> and <c>args</c> of the refusal and the other extensions.
    /// </summary>
    public ProblemHttpResult ToProblem()
    {
        var title = Title.ToString();
        var detail = Detail?.ToString();
        ProblemDetails problem = Errors is { Count: > 0 } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value.Select(v => v.ToString()).ToArray()))
                { Title = title, Detail = detail, Status = Status }
            : new ProblemDetails { Title = title, Detail = detail, Status = Status };
        if (Code is { } code)
        {
            problem.Extensions["code"] = code;
        }
        var args = Detail is { Code: not null, Args.Count: > 0 } ? Detail : Title is { Code: not null, Args.Count: > 0 } ? Title : null;
        if (args is not null)
        {
            problem.Extensions["args"] = args.ArgsAsData();
        }
        if (Errors is { Count: > 0 } coded && coded.Values.Any(v => v.Any(p => p.Code is not null)))
        {
            problem.Extensions["errorCodes"] = coded.ToDictionary(e => e.Key, e => e.Value.Select(p => p.Code).ToArray());
        }
        foreach (var (name, value) in Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }
        return TypedResults.Problem(problem);
    }
}
