using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entry.Server.Common;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Auth;

namespace Entry.Server.Tests.Common;

/// <summary>
/// The server words its refusals in the request's language: Vietnamese when the request names none, English for
/// <c>Accept-Language: en</c>; dates inside a sentence are day-first (dd/MM/yyyy) in both, and every refusal carries the
/// stable code a client may read instead of the words.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed partial class LocalizedRefusalTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    /// <summary>A client of the same user that sends no Accept-Language (the suite's clients ask for English).</summary>
    private HttpClient WithoutLanguage(HttpClient signedIn)
    {
        var client = desk.Factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var text in ShownTexts(problem))
        {
            Assert.DoesNotMatch(IsoDate(), text);
        }
        return problem;
    }

    /// <summary>What a person may be shown of a problem: its title, detail and field messages.</summary>
    private static IEnumerable<string> ShownTexts(JsonElement problem)
    {
        foreach (var name in new[] { "title", "detail" })
        {
            if (problem.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
            {
                yield return text.GetString()!;
            }
        }
        if (problem.TryGetProperty("errors", out var errors))
        {
            foreach (var field in errors.EnumerateObject())
            {
                foreach (var message in field.Value.EnumerateArray())
                {
                    yield return message.GetString()!;
                }
            }
        }
    }

    private static string FieldMessage(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task A_date_outside_the_book_reads_in_Vietnamese_by_default_and_in_English_when_asked_with_day_first_dates()
    {
        // The birth book covers 1990-01-01 to 2019-06-30.
        var request = SampleCases.Birth(desk.NextNumber()) with { RegistrationDate = new DateOnly(1989, 12, 31) };

        var vi = await ProblemAsync(await WithoutLanguage(desk.BirthClerk).PostAsJsonAsync("/api/entries", request));
        var en = await ProblemAsync(await desk.BirthClerk.PostAsJsonAsync("/api/entries", request));

        Assert.Contains("Sổ này ghi các trường hợp đăng ký từ 01/01/1990 đến 30/06/2019.",
            vi.GetProperty("errors").GetProperty("registrationDate").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("The book covers 01/01/1990 to 30/06/2019.",
            en.GetProperty("errors").GetProperty("registrationDate").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Một hoặc nhiều thông tin không hợp lệ.", vi.GetProperty("title").GetString());
        foreach (var problem in new[] { vi, en })
        {
            Assert.Contains("case.registrationDate.outsideBook",
                problem.GetProperty("errorCodes").GetProperty("registrationDate").EnumerateArray().Select(c => c.GetString()));
        }
    }

    [Fact]
    public async Task A_citizen_id_error_reads_in_Vietnamese_with_its_code()
    {
        var request = SampleCases.Birth(desk.NextNumber()) with { Birth = SampleCases.Birth(1).Birth! with { ChildCitizenId = "07430" } };

        var vi = await ProblemAsync(await WithoutLanguage(desk.BirthClerk).PostAsJsonAsync("/api/entries", request));

        Assert.Equal("Số định danh cá nhân phải gồm đúng 12 chữ số.", FieldMessage(vi, "birth.childCitizenId"));
        Assert.Equal("citizenId.notTwelveDigits", vi.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_failed_sign_in_is_worded_wholly_in_one_language_and_keeps_its_code()
    {
        var anonymous = desk.Factory.CreateClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.Clear();
        var login = new LoginRequest("nobody-here", "Wrong-pass-2026");

        var vi = await ProblemAsync(await anonymous.PostAsJsonAsync("/api/auth/login", login));
        var en = await ProblemAsync(await desk.Factory.CreateClient().PostAsJsonAsync("/api/auth/login", login));

        Assert.Equal("Đăng nhập không thành công", vi.GetProperty("title").GetString());
        Assert.Equal("Sai tên đăng nhập hoặc mật khẩu.", vi.GetProperty("detail").GetString());
        Assert.Equal("Sign-in failed", en.GetProperty("title").GetString());
        Assert.Equal("Wrong user name or password.", en.GetProperty("detail").GetString());
        Assert.All(new[] { vi, en }, p => Assert.Equal("wrongCredentials", p.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_refusal_carries_its_code_and_arguments_beside_the_words()
    {
        var id = Guid.NewGuid();

        var response = await WithoutLanguage(desk.BirthClerk).GetAsync($"/api/entries/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal($"Không có trường hợp {id}.", problem.GetProperty("detail").GetString());
        Assert.Equal("review.noSuchEntry", problem.GetProperty("code").GetString());
        Assert.Equal(id.ToString(), problem.GetProperty("args")[0].GetString());
    }

    [Fact]
    public async Task A_bad_search_of_the_clerk_s_own_cases_reads_in_the_request_s_language()
    {
        var vi = await ProblemAsync(await WithoutLanguage(desk.BirthClerk).GetAsync("/api/entries/mine?entryNumber=abc&pageSize=1000"));
        var en = await ProblemAsync(await desk.BirthClerk.GetAsync("/api/entries/mine?entryNumber=abc&pageSize=1000"));

        Assert.Equal("Số thứ tự là một số nguyên, từ 1 trở lên.", FieldMessage(vi, "entryNumber"));
        Assert.Equal("Số dòng mỗi trang từ 1 đến 100.", FieldMessage(vi, "pageSize"));
        Assert.Equal("The entry number is a whole number, 1 or more.", FieldMessage(en, "entryNumber"));
        Assert.Equal("The page size is between 1 and 100.", FieldMessage(en, "pageSize"));
        Assert.Equal("myCases.entryNumber.invalid", vi.GetProperty("errorCodes").GetProperty("entryNumber")[0].GetString());
    }

    [Fact]
    public async Task An_English_variant_such_as_en_GB_gets_English()
    {
        var client = WithoutLanguage(desk.BirthClerk);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var problem = await ProblemAsync(await client.GetAsync($"/api/entries/{Guid.NewGuid()}"));

        Assert.Equal("No such entry", problem.GetProperty("title").GetString());
    }

    [Fact]
    public void Every_server_text_has_both_languages_with_the_same_placeholders()
    {
        var en = CultureInfo.GetCultureInfo("en");
        var keys = Phrase.Keys().ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var viText = Phrase.OwnText(key, CultureInfo.InvariantCulture);
            var enText = Phrase.OwnText(key, en);
            Assert.False(string.IsNullOrWhiteSpace(viText), $"{key} has no Vietnamese text");
            Assert.False(string.IsNullOrWhiteSpace(enText), $"{key} has no English text");
            Assert.True(Placeholders(viText!).SetEquals(Placeholders(enText!)), $"{key}: the two languages use different placeholders");
            if (key.StartsWith("title.", StringComparison.Ordinal))
            {
                Assert.NotEqual(viText, enText);
            }
        }
    }

    [Fact]
    public void Every_code_the_server_uses_is_in_its_texts()
    {
        var keys = Phrase.Keys().ToHashSet(StringComparer.Ordinal);
        var source = Path.Combine(RepositoryRoot(), "src", "Entry.Server");
        var used = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => UsedCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        // The codes built from a part: a text kind, a sign-in refusal, a book type, an entry status.
        string[] built =
        [
            .. new[] { "forbidden", "length", "maxLength" }.SelectMany(c => new[] { "name", "place", "note" }.Select(k => $"text.{c}.{k}")),
            "auth.lockedOut", "auth.notAllowed", "auth.wrongCredentials",
            "bookType.birth", "bookType.marriage", "bookType.death", "bookType.adoption",
            "entryStatus.entered", "entryStatus.flagged", "entryStatus.verified", "entryStatus.skipped",
            "unit.unknownDistrict.field", "unit.unknownUnit.field",
        ];
        Assert.True(used.Count > 100, $"only {used.Count} codes found under {source}");
        var missing = used.Concat(built).Where(code => !keys.Contains(code)).ToList();
        Assert.True(missing.Count == 0, $"not in the server's texts: {string.Join(", ", missing)}");
    }

    [Fact]
    public void No_server_text_holds_an_ISO_date_and_dates_are_worded_day_first_in_both_languages()
    {
        foreach (var key in Phrase.Keys())
        {
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en") })
            {
                var text = Phrase.OwnText(key, culture)!;
                Assert.DoesNotMatch(IsoDate(), text);
                Assert.DoesNotContain(":yyyy", text, StringComparison.OrdinalIgnoreCase);
            }
        }
        var outside = Phrase.Of("case.registrationDate.outsideBook", new DateOnly(1970, 4, 16), new DateOnly(1970, 12, 6));
        Assert.Equal("Sổ này ghi các trường hợp đăng ký từ 16/04/1970 đến 06/12/1970.", outside.Word(CultureInfo.GetCultureInfo("vi")));
        Assert.Equal("The book covers 16/04/1970 to 06/12/1970.", outside.Word(CultureInfo.GetCultureInfo("en")));
    }

    [GeneratedRegex(@"Phrase\.Of\(""([A-Za-z0-9.]+)""\s*[,)]")]
    private static partial Regex UsedCode();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Entry.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (Entry.sln) is not above the test's directory.");
    }
}
