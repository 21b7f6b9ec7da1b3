namespace Entry.Shared.Auth;

/// <summary>The four roles of Entry.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Monitor = "Monitor";
    public const string TeamLeader = "TeamLeader";
    public const string Clerk = "Clerk";

    public static readonly IReadOnlyList<string> All = [Admin, Monitor, TeamLeader, Clerk];
}

/// <summary>Body of <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string UserName, string Password);

/// <summary>The bearer token given to API clients.</summary>
public sealed record TokenResponse
{
    public string TokenType { get; init; } = "Bearer";
    public required string AccessToken { get; init; }
    /// <summary>Seconds until the token expires.</summary>
    public required long ExpiresIn { get; init; }
    public required string RefreshToken { get; init; }
}

/// <summary>Who is signed in, for the browser app.</summary>
public sealed record CurrentUser
{
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }
    /// <summary>The unit the user belongs to (a district monitor's district), if any.</summary>
    public string? UnitCode { get; init; }
    /// <summary>
    /// Whether the user reviews some team's cases (an Admin, a team's leader, a team's civil-registry officer), so the
    /// app offers the review page only to those the server lets in.
    /// </summary>
    public bool MayReview { get; init; }
}
