using Entry.Server.Data;
using Entry.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Entry.Server.Tests.Operations;

/// <summary><c>Entry:Database:Provider</c> picks the database engine; a setting that cannot work stops the start with why.</summary>
public sealed class DatabaseProviderTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("SQLITE", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSQL", DatabaseProvider.PostgreSql)]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    public void The_provider_is_read_regardless_of_letter_case(string? name, DatabaseProvider expected)
    {
        Assert.Equal(expected, DataServices.ProviderOf(Configuration(name, null)));
    }

    [Fact]
    public void An_unknown_provider_stops_the_start_naming_the_key_and_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddData(Configuration("Oracle", null), "."));

        Assert.Contains("Entry:Database:Provider", error.Message);
        Assert.Contains("Oracle", error.Message);
        Assert.Contains("PostgreSQL", error.Message);
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_stops_the_start_naming_the_missing_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddData(Configuration("PostgreSQL", null), "."));

        Assert.Contains("ConnectionStrings:Entry", error.Message);
    }

    [Fact]
    public async Task The_test_server_runs_on_the_provider_of_its_suite_with_every_migration_applied()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/health/ready");

        var (npgsql, pending) = await factory.WithDbAsync(async db => (db.Database.IsNpgsql(), (await db.Database.GetPendingMigrationsAsync()).Count()));

        Assert.Equal(TestDatabase.IsPostgreSql, npgsql);
        Assert.Equal(0, pending);
    }

    private static IConfiguration Configuration(string? provider, string? connectionString) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Entry:Database:Provider"] = provider,
            ["ConnectionStrings:Entry"] = connectionString,
        })
        .Build();
}
