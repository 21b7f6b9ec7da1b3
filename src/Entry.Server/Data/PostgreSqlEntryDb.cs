using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Entry.Server.Data;

/// <summary>
/// Entry's model on PostgreSQL, with its own migrations (Data/Migrations/PostgreSql). It differs from the SQLite model
/// where the providers differ: book codes compare case-insensitively through an ICU collation instead of SQLite's
/// NOCASE, and times are stored as UTC, which is all PostgreSQL's <c>timestamptz</c> takes.
/// </summary>
public sealed class PostgreSqlEntryDb(DbContextOptions<PostgreSqlEntryDb> options) : EntryDb(options)
{
    /// <summary>Case-insensitive, accent-sensitive comparison (ICU strength 2), for book codes.</summary>
    public const string NoCase = "entry_nocase";

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasCollation(NoCase, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.GetCollation() == "NOCASE")
            {
                property.SetCollation(NoCase);
            }
        }
    }

    /// <summary>Any offset in, UTC out: the instant is kept, the offset the caller happened to use is not.</summary>
    private sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(), value => value);
}
