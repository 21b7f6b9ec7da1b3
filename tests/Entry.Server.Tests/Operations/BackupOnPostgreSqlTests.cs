#if ENTRY_POSTGRESQL
using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace Entry.Server.Tests.Operations;

/// <summary>On PostgreSQL the one-box backup is not Entry's to take: the endpoint says so and names the database's own tools.</summary>
public sealed class BackupOnPostgreSqlTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Fact]
    public async Task The_backup_endpoint_refuses_and_names_pg_dump()
    {
        var admin = await factory.AdminAsync();

        using var response = await admin.PostAsync("/api/operations/backup", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Contains("pg_dump", problem.Detail);
    }
}
#endif
