using Entry.Server.Features.National;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using HubNames = Entry.Shared.Live.SprintHub;

namespace Entry.Server.Features.Live;

public static class LiveServices
{
    /// <summary>The hub, the coalescing broadcast behind <see cref="ISprintEvents"/>, the shift-change, national-status and dashboard broadcasts.</summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSignalR();
        services.AddSingleton<LiveBroadcast>();
        services.AddSingleton<ISprintEvents>(sp => sp.GetRequiredService<LiveBroadcast>());
        services.AddSingleton<ClerkNames>();
        services.AddHostedService<LiveFlusher>();
        services.AddSingleton<ProvinceWatchers>();
        services.AddHostedService<NationalStatusBroadcast>();
        services.AddHostedService<DashboardLiveFlusher>();
        services.AddScoped<LiveScopeAccess>();
        services.AddScoped<ProgressSnapshots>();
        services.AddScoped<IShiftChangedHandler, ShiftChangedBroadcast>();

        // Browsers cannot set headers on WebSocket and EventSource requests: there the bearer token rides in the query string.
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.Events.OnMessageReceived = context =>
        {
            if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } token])
            {
                context.Token = token;
            }
            return Task.CompletedTask;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapSprintHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<SprintHub>(HubNames.Path);
        return app;
    }
}
