using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;

namespace Entry.Server.Tests.Operations;

/// <summary>API answers travel compressed for slow links; sign-in answers, which carry tokens, never do.</summary>
public sealed class CompressionTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Fact]
    public async Task The_map_is_sent_brotli_compressed_to_a_client_that_accepts_it_and_decodes_to_the_same_body()
    {
        using var client = await factory.ClientAsAsync(Roles.Monitor);
        var plain = await client.GetByteArrayAsync("/api/map/districts");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/map/districts");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length / 2, $"{compressed.Length} bytes compressed of {plain.Length}");
        await using var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await brotli.CopyToAsync(decoded);
        Assert.Equal(plain, decoded.ToArray());
    }

    [Fact]
    public async Task A_sign_in_answer_is_never_compressed()
    {
        using var client = factory.CreateClient();
        await factory.ClientAsAsync(Roles.Monitor, "compression-monitor");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new LoginRequest("compression-monitor", EntryFactory.Password)),
        };
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("accessToken", await response.Content.ReadAsStringAsync());
    }
}
