using Entry.Server.Cli;
using Entry.Server.Data;
using Entry.Server.Features.Backup;
using Entry.Server.Hosting;

var arguments = CommandArguments.Split(args);
var builder = WebApplication.CreateBuilder(arguments.Settings);
builder.AddEntryServices();

var app = builder.Build();
app.UseEntryPipeline();
app.MapEntryEndpoints();

if (CommandLine.IsCommand(arguments.Words))
{
    return await CommandLine.RunAsync(app, arguments.Words);
}

// The server holds the data directory for its whole life, so a restore cannot replace the database under it (and a
// second server does not run the same jobs on the same file).
if (!await app.Services.GetRequiredService<DataDirectoryLock>().AcquireAsync(TimeSpan.FromSeconds(15), app.Lifetime.ApplicationStopping))
{
    app.Logger.LogCritical("Another process (an Entry server or a restore) holds {LockFile}; not starting.",
        app.Services.GetRequiredService<DataDirectoryLock>().File);
    return 3;
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync(loadDemoInventory: true, app.Lifetime.ApplicationStopping);
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
