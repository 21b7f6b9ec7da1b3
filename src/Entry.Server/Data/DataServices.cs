using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Data;

public static class DataServices
{
    /// <summary>The database (SQLite in the data directory unless <c>ConnectionStrings:Entry</c> says otherwise), its writer gate and its initialiser.</summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        // Pooled: every request (the session check, logging a case) and every ledger batch resolves a context, and
        // building one afresh (its services, its sets) was a visible share of the CPU under load. EntryDb holds no state
        // of its own beyond what the pool resets.
        var files = new DataFiles(dataDirectory,
            configuration.GetConnectionString("Entry") ?? $"Data Source={Path.Combine(dataDirectory, "entry.db")}");
        services.AddSingleton(files);
        services.AddDbContextPool<EntryDb>(db => db.UseSqlite(files.ConnectionString));
        services.AddSingleton<WriteGate>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }
}
