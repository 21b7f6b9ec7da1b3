namespace Entry.Server.Features.Cases;

/// <summary>Why a read, correction or verification of a case was refused: the HTTP status, and the fields at fault when there are any.</summary>
public sealed record ReviewProblem(int Status, string Title, string Detail, Dictionary<string, string[]>? Errors = null)
{
    public static ReviewProblem NotFound(Guid id) => new(StatusCodes.Status404NotFound, "No such entry", $"There is no entry {id}.");

    public static ReviewProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Not allowed", detail);

    public static ReviewProblem Invalid(Dictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "Invalid case", "One or more fields are invalid.", errors);
}
