using Entry.Server.Hosting;

namespace Entry.Server.Data.Demo;

public static class DemoServices
{
    /// <summary>The demo province's inventory and sprint, loaded by the database initialiser when <c>Entry:Demo</c> asks for them.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoSprint>();
        return services;
    }
}
