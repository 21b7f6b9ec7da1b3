using Entry.Server.Common;
using Entry.Shared.Books;

namespace Entry.Server.Features.Books;

/// <summary>
/// Every endpoint taking a <c>{bookCode}</c> from its route answers a code that breaks <see cref="BookCodes"/> with a
/// problem naming <c>bookCode</c>, before it looks anything up: the importer and the routes accept one set of codes.
/// Put on the whole API group, so a new route with a book code is covered without being listed.
/// </summary>
internal static class BookCodeRoute
{
    public const string Parameter = "bookCode";

    public static EndpointFilterDelegate Validate(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        if (!context.MethodInfo.GetParameters().Any(p => p.Name == Parameter))
        {
            return next;
        }
        return invocation =>
        {
            var code = invocation.HttpContext.GetRouteValue(Parameter) as string;
            if (BookCodeText.Problem(code) is { } problem)
            {
                return ValueTask.FromResult<object?>(Refusal.Invalid(Parameter, Phrase.Of("bookCode.notACode", problem)).ToProblem());
            }
            return next(invocation);
        };
    }
}
