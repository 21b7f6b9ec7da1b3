using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Entry.Browser.Tests;

/// <summary>The demo clerk working through the API in a session of its own, while a page watches.</summary>
public static class DemoClerk
{
    /// <summary>The demo clerk signed in with a cookie.</summary>
    public static Task<HttpClient> SignInAsync(Uri server) => ApiSession.SignInAsync(server, "clerk");

    /// <summary>
    /// The birth book the clerk holds, or the next of the team's queue (the demo queue starts with birth books); a book
    /// of another type, left held by another test, is given back first. The answer as it came: 403 outside shift hours.
    /// </summary>
    public static async Task<HttpResponseMessage> HoldBirthBookAsync(HttpClient clerk)
    {
        var mine = await clerk.GetAsync("api/claims/mine");
        if (mine.IsSuccessStatusCode)
        {
            var held = await mine.Content.ReadFromJsonAsync<JsonElement>();
            if (held.GetProperty("type").GetString() == "birth")
            {
                return await clerk.GetAsync("api/claims/mine");
            }

            var code = held.GetProperty("code").GetString()!;
            using var released = await clerk.PostAsync($"api/books/{Uri.EscapeDataString(code)}/release", null);
            Assert.True(released.IsSuccessStatusCode, $"giving back {code}: {(int)released.StatusCode} {await released.Content.ReadAsStringAsync()}");
        }

        return await clerk.PostAsync("api/claims/next", null);
    }

    /// <summary>
    /// A valid birth case of the held book at the next free entry number (flagged as illegible when
    /// <paramref name="needsVerification"/>); the stored case and its entry number.
    /// </summary>
    public static async Task<JsonElement> LogBirthCaseAsync(HttpClient clerk, JsonElement book, bool needsVerification = false)
    {
        Assert.Equal("birth", book.GetProperty("type").GetString());
        var registered = DateOnly.Parse(book.GetProperty("registeredFrom").GetString()!, CultureInfo.InvariantCulture);
        var number = book.GetProperty("casesLogged").GetInt32() + book.GetProperty("casesSkipped").GetInt32();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            number++;
            var response = await clerk.PostAsJsonAsync("api/entries", BirthCase(book.GetProperty("code").GetString()!, number, registered, needsVerification));
            // An entry number logged (or skipped) by another test of the run: take the next one.
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"logging entry {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }
        }
        throw new InvalidOperationException("no free entry number in ten tries");
    }

    /// <summary>The body of a valid birth case registered on <paramref name="registered"/> (flagged as illegible when <paramref name="needsVerification"/>).</summary>
    public static object BirthCase(string bookCode, int number, DateOnly registered, bool needsVerification = false, string childName = "Điểu Thị Hoa") => new
    {
        id = Guid.NewGuid(),
        bookCode,
        entryNumber = number,
        registrationDate = registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        page = 1,
        needsVerification,
        verificationReason = needsVerification ? "illegible" : null,
        birth = new
        {
            childName,
            sex = "female",
            dateOfBirth = registered.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            placeOfBirth = "Xã Tân Thành, thị xã Đồng Xoài",
            motherName = "Thị K'Lung",
            fatherName = "Điểu K'Lung",
        },
    };
}
