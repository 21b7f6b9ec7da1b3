using Entry.Server.Cli;
using Entry.Server.Data;
using Entry.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEntryServices();

var app = builder.Build();
app.UseEntryPipeline();
app.MapEntryEndpoints();

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync(loadDemoInventory: true, app.Lifetime.ApplicationStopping);
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
