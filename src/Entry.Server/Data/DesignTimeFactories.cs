using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Entry.Server.Data;

/// <summary>For <c>dotnet ef migrations add ... --context EntryDb</c>: the SQLite model, no server needed.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<EntryDb>
{
    public EntryDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EntryDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add ... --context PostgreSqlEntryDb</c>: the PostgreSQL model; adding a migration connects nowhere.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlEntryDb>
{
    public PostgreSqlEntryDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlEntryDb>();
        DataServices.UsePostgreSql(options, "Host=localhost;Database=entry_design");
        return new PostgreSqlEntryDb(options.Options);
    }
}
