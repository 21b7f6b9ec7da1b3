using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Entry.Server.Common;

namespace Entry.Server.Hosting;

/// <summary>
/// Every string of every request body of the API passes here before its handler runs: one holding what no text may hold (a
/// lone surrogate, a noncharacter, a control character other than tab and line breaks) answers a 400 naming the field by its
/// JSON path (<c>birth.childName</c>, <c>userNames[1]</c>), so no handler ever normalises, compares or stores it. It walks the
/// bound contracts (the Entry.Shared types) rather than hooking the JSON reader, so the OpenAPI schemas stay as they are.
/// </summary>
internal sealed class StrictTextFilter : IEndpointFilter
{
    public static Phrase Message => Phrase.Of("text.strict");
    private const int MaxDepth = 8;
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> PropertiesByType = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is not null && IsContract(argument.GetType()) && RefusedField(argument, "", 0) is { } field)
            {
                return (Refusal.Invalid(field, Message) with { Title = Phrase.Of("title.bodyUnreadable") }).ToProblem();
            }
        }
        return await next(context);
    }

    private static bool IsContract(Type type) =>
        type is { IsEnum: false, IsPrimitive: false } && type.Namespace?.StartsWith("Entry.Shared", StringComparison.Ordinal) == true;

    /// <summary>The JSON path of the first refused string in <paramref name="value"/>, or null.</summary>
    private static string? RefusedField(object value, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }
        foreach (var (property, name) in PropertiesByType.GetOrAdd(value.GetType(), Properties))
        {
            var field = path.Length == 0 ? name : $"{path}.{name}";
            switch (property.GetValue(value))
            {
                case string text when UnicodeText.HasForbidden(text):
                    return field;
                case IEnumerable<string?> texts:
                    var i = 0;
                    foreach (var text in texts)
                    {
                        if (text is not null && UnicodeText.HasForbidden(text))
                        {
                            return $"{field}[{i}]";
                        }
                        i++;
                    }
                    break;
                case { } nested when IsContract(nested.GetType()):
                    if (RefusedField(nested, field, depth + 1) is { } inner)
                    {
                        return inner;
                    }
                    break;
            }
        }
        return null;
    }

    private static (PropertyInfo, string)[] Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (p, JsonNamingPolicy.CamelCase.ConvertName(p.Name)))
            .ToArray();
}
