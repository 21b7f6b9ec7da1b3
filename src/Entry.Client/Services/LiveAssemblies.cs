using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.WebAssembly.Services;

namespace Entry.Client.Services;

/// <summary>
/// The live hub's client (SignalR and what it needs, about a sixth of the app's download) is loaded only when a page that
/// follows the hub is opened, so a clerk's first visit to /entry on a slow link does not wait for it. The assemblies are
/// marked <c>BlazorWebAssemblyLazyLoad</c> in the project file; <see cref="SprintLive"/> must not be touched before this ran.
/// </summary>
public sealed class LiveAssemblies(LazyAssemblyLoader loader)
{
    /// <summary>The lazily loaded assemblies, as the project file lists them.</summary>
    public static readonly string[] Files =
    [
        "Microsoft.AspNetCore.SignalR.Client.wasm", "Microsoft.AspNetCore.SignalR.Client.Core.wasm",
        "Microsoft.AspNetCore.SignalR.Common.wasm", "Microsoft.AspNetCore.SignalR.Protocols.Json.wasm",
        "Microsoft.AspNetCore.Http.Connections.Client.wasm", "Microsoft.AspNetCore.Http.Connections.Common.wasm",
        "Microsoft.AspNetCore.Connections.Abstractions.wasm", "Microsoft.Extensions.Features.wasm",
        "System.Net.ServerSentEvents.wasm", "System.Net.WebSockets.Client.wasm", "System.Net.WebSockets.wasm",
        "System.IO.Pipelines.wasm", "System.Threading.Channels.wasm",
    ];

    // Pages that never follow the hub: the clerk's and the sign-in page, the inventory, the own team. Every other page
    // may (the dashboard, the boards, the teams' national panel…), so a new page gets the hub's client by default.
    private static readonly HashSet<string> WithoutHub = new(StringComparer.OrdinalIgnoreCase) { "", "login", "entry", "inventory", "team", "team/queue" };

    private Task? _loading;

    public async Task LoadForAsync(NavigationContext context)
    {
        var path = context.Path.Split('?', '#')[0].Trim('/');
        if (!WithoutHub.Contains(path))
        {
            var loading = _loading ??= loader.LoadAssembliesAsync(Files);
            try
            {
                await loading;
            }
            catch
            {
                _loading = null; // a dropped link: the next navigation tries again
                throw;
            }
        }
    }
}
