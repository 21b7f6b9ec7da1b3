using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Entry.Browser.Tests;

/// <summary>The demo clerk working through the API in a session of its own, while a page watches.</summary>
public static class DemoClerk
{
    /// <summary>The demo clerk signed in with a cookie.</summary>
    public static async Task<HttpClient> SignInAsync(Uri server)
    {
        var clerk = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server };
        (await clerk.PostAsJsonAsync("api/auth/login?useCookies=true", new { userName = "clerk", password = "Demo-2026" })).EnsureSuccessStatusCode();
        return clerk;
    }

    /// <summary>The book the clerk holds, or the next of the team's queue (the answer as it came: 403 outside shift hours).</summary>
    public static async Task<HttpResponseMessage> HoldBookAsync(HttpClient clerk)
    {
        var mine = await clerk.GetAsync("api/claims/mine");
        return mine.IsSuccessStatusCode ? mine : await clerk.PostAsync("api/claims/next", null);
    }

    /// <summary>A valid birth case of the held book (the demo queue starts with birth books) at the next free entry number.</summary>
    public static async Task<JsonElement> LogBirthCaseAsync(HttpClient clerk, JsonElement book)
    {
        Assert.Equal("birth", book.GetProperty("type").GetString());
        var registered = DateOnly.Parse(book.GetProperty("registeredFrom").GetString()!, CultureInfo.InvariantCulture);
        var number = book.GetProperty("casesLogged").GetInt32() + book.GetProperty("casesSkipped").GetInt32();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            number++;
            var response = await clerk.PostAsJsonAsync("api/entries", new
            {
                id = Guid.NewGuid(),
                bookCode = book.GetProperty("code").GetString(),
                entryNumber = number,
                registrationDate = registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                page = 1,
                birth = new
                {
                    childName = "Điểu Thị Hoa",
                    sex = "female",
                    dateOfBirth = registered.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    placeOfBirth = "Xã Tân Thành, thị xã Đồng Xoài",
                    motherName = "Thị K'Lung",
                    fatherName = "Điểu K'Lung",
                },
            });
            // An entry number logged (or skipped) by another test of the run: take the next one.
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }
        }
        throw new InvalidOperationException("no free entry number in ten tries");
    }
}
