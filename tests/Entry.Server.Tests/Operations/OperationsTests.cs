using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entry.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Operations;

public sealed class OperationsTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_public_contract()
    {
        using var client = factory.CreateClient();

        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[]
        {
            "/health/live", "/health/ready", "/openapi/v1.json", "/api/auth/login", "/api/books/import", "/api/progress",
            "/api/units", "/api/books", "/api/teams", "/api/claims/next", "/api/books/{bookCode}/claim", "/api/books/{bookCode}/release",
            "/api/entries",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
        Assert.True(doc.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem_not_the_browser_app()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Status);
    }

    [Fact]
    public async Task A_body_without_a_JSON_content_type_is_415_not_404()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync("/api/assignment/move", new StringContent("{\"bookCodes\":[\"X\"],\"teamId\":1}"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task A_value_the_field_does_not_accept_is_a_problem_naming_the_field_without_echoing_it()
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync("/api/teams/1/members", new StringContent(
            "{\"userName\":\"x\",\"category\":\"Nguyễn Văn Chef\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Nguyễn", body);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ValidationProblemDetails>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Contains("category", problem.Errors.Keys);
    }

#if !ENTRY_POSTGRESQL
    [Fact]
    public async Task The_SQLite_database_lives_in_the_data_directory_in_WAL_mode()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/health/ready");

        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "entry.db")));
        var mode = await factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return (string)(await command.ExecuteScalarAsync())!;
        });
        Assert.Equal("wal", mode);
    }
#endif
}
