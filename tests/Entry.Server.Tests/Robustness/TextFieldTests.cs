using System.Net;
using System.Text;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;

namespace Entry.Server.Tests.Robustness;

/// <summary>
/// Text fields other than a case's names and places — notes, reasons, team and display names, user names, passwords, route
/// values — refuse a code point no text may hold with a 400 naming the field (never a 500), and names that show nothing.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class TextFieldTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    public enum Caller { Anonymous, Admin, Leader, BirthClerk }

    /// <summary>Method, caller, path, JSON body with @@ where the odd value goes, the field the problem must name.</summary>
    public static readonly TheoryData<string, Caller, string, string, string> Fields = new()
    {
        { "POST", Caller.BirthClerk, "/api/entries/skip", $"{{\"id\":\"{Guid.NewGuid()}\",\"bookCode\":\"{EntryDesk.Books.Birth}\",\"entryNumber\":480,\"reason\":\"pageMissing\",\"note\":@@}}", "note" },
        { "POST", Caller.BirthClerk, $"/api/books/{EntryDesk.Books.Birth}/count-report", "{\"reportedCount\":480,\"note\":@@}", "note" },
        { "PUT", Caller.Leader, "/api/teams/1", "{\"name\":@@,\"computers\":5}", "name" },
        { "POST", Caller.Admin, "/api/teams", "{\"name\":@@,\"unitCode\":\"70\",\"leaderUserName\":\"desk-lead\",\"computers\":3}", "name" },
        { "POST", Caller.Leader, "/api/teams/1/members", "{\"userName\":\"text.clerk\",\"category\":\"other\",\"displayName\":@@,\"password\":\"Text-pass-2026\"}", "displayName" },
        { "POST", Caller.Leader, "/api/teams/1/members", "{\"userName\":@@,\"category\":\"other\"}", "userName" },
        { "POST", Caller.Leader, "/api/teams/1/members", "{\"userName\":\"text.clerk2\",\"category\":\"other\",\"displayName\":\"Lê Văn Tâm\",\"password\":@@}", "password" },
        { "POST", Caller.Anonymous, "/api/auth/login", "{\"userName\":@@,\"password\":\"x\"}", "userName" },
        { "PUT", Caller.Leader, "/api/teams/1/roster/2026-03-10/1", "{\"userNames\":[\"desk-lead\",@@]}", "userNames[1]" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_noncharacter_lone_surrogate_or_control_character_is_a_400_naming_the_field(
        string method, Caller caller, string path, string body, string field)
    {
        foreach (var odd in new[] { "\\uFFFE", "\\uFDD0", "\\uD800", "\\uDFFF", "\\uDBFF\\uDFFF", "\\u001B", "\\u0000" })
        {
            var response = await SendAsync(caller, method, path, body.Replace("@@", $"\"Long{odd} Giang\"", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([field], (await TeamSetup.ProblemAsync(response)).Fields.ToArray());
        }
    }

    [Theory]
    [InlineData("\\u3164\\u3164")]
    [InlineData("\\u200B\\u200B")]
    [InlineData("Tổ \\u202E1")]
    [InlineData("Tổ\\u20661\\u2069")]
    [InlineData("Tổ\\n1")]
    [InlineData("\\uE000\\uE000")]
    public async Task A_team_or_display_name_that_shows_nothing_or_reorders_text_is_refused(string odd)
    {
        var team = await SendAsync(Caller.Leader, "PUT", "/api/teams/1", $"{{\"name\":\"{odd}\",\"computers\":5}}");
        Assert.Equal(["name"], (await TeamSetup.ProblemAsync(team)).Fields.ToArray());
        var member = await SendAsync(Caller.Leader, "POST", "/api/teams/1/members",
            $"{{\"userName\":\"text.clerk3\",\"category\":\"other\",\"displayName\":\"{odd}\",\"password\":\"Text-pass-2026\"}}");
        Assert.Equal(["displayName"], (await TeamSetup.ProblemAsync(member)).Fields.ToArray());
    }

    [Theory]
    [InlineData("\\u200B\\u200B")]
    [InlineData("\\u3164")]
    [InlineData("\\u2800")]
    [InlineData("Trang 3 \\u202E rách")]
    [InlineData("\\uE000 rách")]
    public async Task A_note_that_shows_nothing_or_holds_bidi_or_private_characters_is_refused(string odd)
    {
        var skip = await SendAsync(Caller.BirthClerk, "POST", "/api/entries/skip",
            $"{{\"id\":\"{Guid.NewGuid()}\",\"bookCode\":\"{EntryDesk.Books.Birth}\",\"entryNumber\":481,\"reason\":\"pageMissing\",\"note\":\"{odd}\"}}");
        Assert.Equal(["note"], (await TeamSetup.ProblemAsync(skip)).Fields.ToArray());
        var report = await SendAsync(Caller.BirthClerk, "POST", $"/api/books/{EntryDesk.Books.Birth}/count-report", $"{{\"reportedCount\":480,\"note\":\"{odd}\"}}");
        Assert.Equal(["note"], (await TeamSetup.ProblemAsync(report)).Fields.ToArray());
    }

    [Fact]
    public async Task A_note_keeps_its_line_breaks()
    {
        var skip = await SendAsync(Caller.BirthClerk, "POST", "/api/entries/skip",
            $"{{\"id\":\"{Guid.NewGuid()}\",\"bookCode\":\"{EntryDesk.Books.Birth}\",\"entryNumber\":482,\"reason\":\"pageMissing\",\"note\":\"Trang 3 rách,\\nmất nửa dưới\"}}");
        Assert.Equal(HttpStatusCode.Created, skip.StatusCode);
    }

    [Theory]
    [InlineData("desk-o3%EF%BF%BE")]
    [InlineData("desk-o3%EF%B7%90")]
    [InlineData("desk-o3%0A")]
    [InlineData("desk-o3%09")]
    public async Task A_route_value_with_a_noncharacter_or_control_character_is_a_400_not_a_lookup(string userName)
    {
        var response = await SendAsync(Caller.Leader, "PUT", $"/api/teams/1/members/{userName}", "{\"category\":\"other\"}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["path"], (await TeamSetup.ProblemAsync(response)).Fields.ToArray());
    }

    [Theory]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=nonsense")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_json_body_in_another_charset_is_a_415_problem(string contentType)
    {
        var client = await ClientAsync(Caller.Leader);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"Tổ 1\",\"computers\":5}"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await client.PutAsync("/api/teams/1", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_property_sent_twice_is_a_400()
    {
        var response = await SendAsync(Caller.Leader, "PUT", "/api/teams/1", "{\"name\":\"Tổ 1\",\"name\":\"Tổ 2\",\"computers\":5}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_sprint_change_without_a_body_is_a_400()
    {
        var client = await ClientAsync(Caller.Admin);
        var response = await client.PutAsync("/api/sprint", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(Caller caller) => caller switch
    {
        Caller.Anonymous => desk.Factory.CreateClient(),
        Caller.Admin => await desk.Factory.AdminAsync(),
        Caller.Leader => await desk.SignInAsync("desk-lead"),
        _ => desk.BirthClerk,
    };

    private async Task<HttpResponseMessage> SendAsync(Caller caller, string method, string path, string json)
    {
        var client = await ClientAsync(caller);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });
    }
}
