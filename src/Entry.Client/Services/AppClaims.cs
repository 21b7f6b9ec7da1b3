using System.Security.Claims;

namespace Entry.Client.Services;

/// <summary>The claims the app adds to the signed-in user from <c>GET /api/auth/me</c>, beyond name and roles.</summary>
public static class AppClaims
{
    /// <summary>Present when the user reviews some team's cases (the server's rule: Admin, leader, civil-registry officer).</summary>
    public const string MayReview = "may_review";

    public static bool Reviews(this ClaimsPrincipal user) => user.HasClaim(MayReview, "true");
}
