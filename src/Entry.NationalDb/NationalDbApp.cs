using Entry.NationalDb.Contracts;
using Entry.NationalDb.Faults;
using Entry.NationalDb.Records;
using Microsoft.EntityFrameworkCore;

namespace Entry.NationalDb;

/// <summary>
/// The stub of the national population database as an application: <c>dotnet run --project src/Entry.NationalDb</c>
/// runs it alone (http://127.0.0.1:5081); Entry starts the same application inside its own process by default.
/// Its OpenAPI document: <c>/openapi/v1.json</c>. Settings: <c>Stub:DataDirectory</c> (its own SQLite file, never Entry's), <c>Stub:Faults</c> (see FaultSettings).
/// </summary>
public static class NationalDbApp
{
    public const string DefaultUrl = "http://127.0.0.1:5081";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(NationalDbApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        configure?.Invoke(builder);

        var directory = Path.GetFullPath(builder.Configuration["Stub:DataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), "data-national"));
        Directory.CreateDirectory(directory);
        builder.Services.AddDbContext<StubDb>(db => db.UseSqlite($"Data Source={Path.Combine(directory, "national.db")}"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new FaultState(builder.Configuration.GetSection("Stub:Faults").Get<FaultSettings>() ?? new FaultSettings()));
        builder.Services.AddSingleton<StubCounters>();
        builder.Services.AddSingleton<AttemptLog>();
        builder.Services.AddSingleton<RecordWriter>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "National population database (Entry's stub)";
            document.Info.Description = "Civil-registry records, each write under its own idempotency key; a batch endpoint for many at once. " +
                "/admin (faults, stats) is the stub's own and not part of the service.";
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StubDb>();
            db.Database.EnsureCreated();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<FaultMiddleware>();
        app.MapOpenApi();
        app.MapGet("/health", () => Results.Ok("ok")).ExcludeFromDescription();
        app.MapRecords();
        app.MapAdmin();
        return app;
    }
}
