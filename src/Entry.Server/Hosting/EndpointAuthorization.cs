namespace Entry.Server.Hosting;

public static class EndpointAuthorization
{
    /// <summary>Names the roles allowed on an endpoint: anonymous callers get 401, other roles 403.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireRole(roles));
}
