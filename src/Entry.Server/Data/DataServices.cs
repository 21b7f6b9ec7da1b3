using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Data;

public static class DataServices
{
    public const string ProviderKey = "Entry:Database:Provider";

    /// <summary>
    /// The database (SQLite in the data directory by default; PostgreSQL when <c>Entry:Database:Provider</c> says so,
    /// at <c>ConnectionStrings:Entry</c>), its writer gate and its initialiser.
    /// </summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var connectionString = configuration.GetConnectionString("Entry");
        // Pooled: every request (the session check, logging a case) and every ledger batch resolves a context, and
        // building one afresh (its services, its sets) was a visible share of the CPU under load. EntryDb holds no state
        // of its own beyond what the pool resets.
        switch (ProviderOf(configuration))
        {
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"{ProviderKey} is PostgreSQL but ConnectionStrings:Entry is empty: give the server's connection string " +
                        "(Host=...;Port=5432;Database=entry;Username=...;Password=...).");
                }
                // The data directory still holds the lock and the keys; the database is the server's (backed up by pg_dump).
                services.AddSingleton(new DataFiles(dataDirectory, connectionString));
                services.AddDbContextPool<EntryDb, PostgreSqlEntryDb>(db => UsePostgreSql(db, connectionString));
                break;
            default:
                var files = new DataFiles(dataDirectory, connectionString ?? $"Data Source={Path.Combine(dataDirectory, "entry.db")}");
                services.AddSingleton(files);
                services.AddDbContextPool<EntryDb>(db => db.UseSqlite(files.ConnectionString));
                break;
        }
        services.AddSingleton<WriteGate>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>The configured provider; an unknown name stops the start with the names it may be.</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration)
    {
        var name = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(name) || name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }
        if (name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || name.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.PostgreSql;
        }
        throw new InvalidOperationException($"{ProviderKey} is '{name}': it must be Sqlite (the default) or PostgreSQL.");
    }

    public static DbContextOptionsBuilder UsePostgreSql(DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString);
}
