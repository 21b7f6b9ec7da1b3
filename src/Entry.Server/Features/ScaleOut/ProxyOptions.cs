namespace Entry.Server.Features.ScaleOut;

/// <summary>
/// Behind a reverse proxy (<c>Entry:Proxy</c>): the addresses of the proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed, so the sign-in limit counts each client, not the proxy.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Entry:Proxy";

    public List<string> KnownProxies { get; set; } = [];
}

public static class ProxyHeaders
{
    /// <summary>Believes the forwarded client address and scheme only from the configured proxies; none configured, none believed.</summary>
    public static IApplicationBuilder UseProxyHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>()?.KnownProxies ?? [];
        if (proxies.Count == 0)
        {
            return app;
        }
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }
        return app.UseForwardedHeaders(options);
    }
}
