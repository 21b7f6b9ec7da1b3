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

// The running server holds the data directory's lock, so a restore refuses to replace the database under it.
using var dataLock = Entry.Server.Features.Backup.DataDirectoryLock.TryAcquire(EntryServices.DataDirectory(builder));
if (dataLock is null)
{
    app.Logger.LogWarning("Another process holds the data directory's lock (a server or a restore); starting anyway.");
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync(loadDemoInventory: true, app.Lifetime.ApplicationStopping);
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
