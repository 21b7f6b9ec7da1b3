using Entry.Server.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Entry.Server.Hosting;

/// <summary>
/// The framework's own bare problems (a 401 or 403 from authorization, a 405, an unhandled 500) carry only the status's
/// English reason phrase as their title: those get the server's words in the request's language and a code
/// (<c>status.403</c>). A problem a feature wrote (a <see cref="Refusal"/>) is left as it is.
/// </summary>
internal static class StatusWords
{
    private static readonly HashSet<int> Worded = [400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 503];

    public static void Apply(ProblemDetails problem)
    {
        if (problem.Status is not { } status || !Worded.Contains(status) || problem.Extensions.ContainsKey("code")
            || problem.Detail is not null || problem is HttpValidationProblemDetails)
        {
            return;
        }
        var framework = problem.Title is null || problem.Title == ReasonPhrases.GetReasonPhrase(status)
            || problem.Title == "An error occurred while processing your request.";
        if (framework)
        {
            problem.Title = Phrase.Of($"status.{status}").ToString();
            problem.Extensions["code"] = $"status.{status}";
        }
    }
}
