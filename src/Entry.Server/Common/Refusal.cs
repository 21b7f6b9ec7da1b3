using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Entry.Server.Common;

/// <summary>
/// Why a request was refused: the HTTP status, a title, a sentence for the user and, when fields are at fault, each
/// field with its reasons. Every feature answers a refusal with this one type; <see cref="ToProblem"/> is the one place
/// that turns it into problem details.
/// </summary>
public sealed record Refusal(int Status, string Title, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>The title ASP.NET Core gives its own validation problems; field errors keep it so clients see one shape.</summary>
    public const string InvalidTitle = "One or more validation errors occurred.";

    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) => new(StatusCodes.Status400BadRequest, InvalidTitle, null, errors);

    public static Refusal Invalid(string field, string reason) => Invalid(new Dictionary<string, string[]> { [field] = [reason] });

    public static Refusal NotFound(string title, string detail) => new(StatusCodes.Status404NotFound, title, detail);

    public static Refusal Forbidden(string title, string detail) => new(StatusCodes.Status403Forbidden, title, detail);

    public static Refusal Conflict(string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(StatusCodes.Status409Conflict, title, detail, errors);

    /// <summary>The same refusal with the field errors given (a conflict that names the field it is about).</summary>
    public Refusal WithErrors(string field, string reason) => this with { Errors = new Dictionary<string, string[]> { [field] = [reason] } };

    /// <summary>
    /// Members a client reads beside the standard ones, by name: a sign-in's <c>code</c>, a refused shift plan's <c>issues</c>,
    /// the <c>runId</c> of the reconciliation already running.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>The same refusal with one more member beside the standard ones.</summary>
    public Refusal With(string name, object? value) =>
        this with { Extensions = new Dictionary<string, object?>(Extensions ?? new Dictionary<string, object?>()) { [name] = value } };

    /// <summary>Problem details (RFC 9457): status, title, detail and, when there are any, <c>errors</c> by field and the extensions.</summary>
    public ProblemHttpResult ToProblem()
    {
        ProblemDetails problem = Errors is { Count: > 0 } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value)) { Title = Title, Detail = Detail, Status = Status }
            : new ProblemDetails { Title = Title, Detail = Detail, Status = Status };
        foreach (var (name, value) in Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }
        return TypedResults.Problem(problem);
    }
}
