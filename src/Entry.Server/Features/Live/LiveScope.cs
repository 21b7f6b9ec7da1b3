using System.Globalization;
using Entry.Shared.Live;

namespace Entry.Server.Features.Live;

public enum LiveScopeKind
{
    Province,
    District,
    Unit,
    Team,
}

/// <summary>A parsed hub scope (<see cref="SprintScopes"/>): <c>province</c>, <c>district:{code}</c>, <c>unit:{code}</c>, <c>team:{id}</c>.</summary>
public sealed record LiveScope(LiveScopeKind Kind, string? Code, int? TeamId)
{
    private const int MaxCodeLength = 16;

    /// <summary>The scope's canonical name: the name of its SignalR group and of its progress counters.</summary>
    public string Name => Kind switch
    {
        LiveScopeKind.Province => SprintScopes.Province,
        LiveScopeKind.District => SprintScopes.District(Code!),
        LiveScopeKind.Unit => SprintScopes.Unit(Code!),
        _ => SprintScopes.Team(TeamId!.Value),
    };

    public static LiveScope? TryParse(string? scope)
    {
        if (scope == SprintScopes.Province)
        {
            return new LiveScope(LiveScopeKind.Province, null, null);
        }
        var colon = scope?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 0)
        {
            return null;
        }
        var (prefix, value) = (scope![..colon], scope[(colon + 1)..]);
        return prefix switch
        {
            "district" when IsCode(value) => new LiveScope(LiveScopeKind.District, value, null),
            "unit" when IsCode(value) => new LiveScope(LiveScopeKind.Unit, value, null),
            "team" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 => new LiveScope(LiveScopeKind.Team, null, id),
            _ => null,
        };
    }

    private static bool IsCode(string value) => value.Length is > 0 and <= MaxCodeLength && value.All(char.IsAsciiLetterOrDigit);
}
