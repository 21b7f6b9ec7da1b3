using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using Entry.Shared.Entries;

namespace Entry.Server.Tests.Cases;

// The fake clock is handed to Quartz, whose clock is process-wide: run apart from the other servers.
[Collection(MovedClockCollection.Name)]
public sealed class NameAndIdTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    private async Task<HttpResponseMessage> PostBirthAsync(Func<BirthCase, BirthCase> change)
    {
        var c = SampleCases.Birth(desk.NextNumber());
        return await desk.BirthClerk.PostAsJsonAsync("/api/entries", c with { Birth = change(c.Birth!) });
    }

    [Theory]
    [InlineData("Điểu K'Lung")]
    [InlineData("Thị H'Bia")]
    [InlineData("Y-Bih")]
    [InlineData("Điểu K’Lung")]
    [InlineData("Nguyễn Thị Hoa")]
    [InlineData("Lý")]
    public async Task Vietnamese_and_ethnic_minority_names_are_accepted(string name)
    {
        var response = await PostBirthAsync(b => b with { ChildName = name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("N")]
    [InlineData("Nguyễn Văn 3")]
    [InlineData("Trần_Thị Lan")]
    [InlineData("'-'")]
    [InlineData("Lan <script>")]
    public async Task A_name_with_other_characters_too_short_or_without_a_letter_is_refused(string name)
    {
        var response = await PostBirthAsync(b => b with { MotherName = name });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TeamSetup.ProblemAsync(response);
        Assert.Equal(["birth.motherName"], problem.Fields.ToArray());
        if (name.Length > 2)
        {
            Assert.DoesNotContain(name, problem.Body.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Điểu K'Lung")]
    [InlineData("Nguyễn Thị Ánh Tuyết")]
    [InlineData("Thạch Thị Sa Ri")]
    [InlineData("Lưu A Phúc")]
    [InlineData("Điểu Thị Hờ Rê")]
    [InlineData("Y Jut Niê")]
    [InlineData("Thị Ka’Rê")]
    public async Task Vietnamese_and_ethnic_minority_names_typed_decomposed_are_accepted_and_stored_composed(string name)
    {
        var response = await PostBirthAsync(b => b with { ChildName = name.Normalize(NormalizationForm.FormD) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<CaseEntryResult>())!.Id;
        var details = JsonDocument.Parse((await CaseValidationTests.StoredDetailsAsync(desk, id))!).RootElement;
        Assert.Equal(name.Normalize(NormalizationForm.FormC), details.GetProperty("childName").GetString());
    }

    [Theory]
    [InlineData("\\u3164\\u3164\\u3164")]
    [InlineData("\\u115F\\u1160")]
    [InlineData("\\uFFA0\\uFFA0")]
    [InlineData("\\u200B\\u200B")]
    [InlineData("\\u2800\\u2800")]
    [InlineData("Trần\\u200BThị Lan")]
    [InlineData("Trần\\u200DLan")]
    [InlineData("Trần Lan\\uFEFF")]
    [InlineData("Trần\\u3164Lan")]
    [InlineData("Trần \\u202ELan")]
    [InlineData("\\u2066Trần Lan\\u2069")]
    [InlineData("Trần\\u200ELan")]
    [InlineData("Trần\\tLan")]
    [InlineData("Trần\\nLan")]
    [InlineData("Trần\\u0085Lan")]
    [InlineData("Trần\\u0007Lan")]
    [InlineData("Trần\\uE000Lan")]
    [InlineData("Trần\\u0378Lan")]
    [InlineData("Tra\\u0301\\u0301\\u0301\\u0301n Lan")]
    public async Task A_name_with_invisible_bidi_control_private_or_unassigned_characters_is_refused(string escaped)
    {
        var response = await PostRawBirthAsync("motherName", escaped);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["birth.motherName"], (await TeamSetup.ProblemAsync(response)).Fields.ToArray());
    }

    [Theory]
    [InlineData("\\uFFFE")]
    [InlineData("\\uFFFF")]
    [InlineData("\\uFDD0")]
    [InlineData("\\uFDEF")]
    [InlineData("\\uD83F\\uDFFE")]
    [InlineData("\\uDBFF\\uDFFF")]
    [InlineData("\\uD800")]
    [InlineData("\\uDC00")]
    [InlineData("\\u0000")]
    public async Task A_noncharacter_or_lone_surrogate_in_a_name_or_place_is_a_400_naming_the_field(string escaped)
    {
        foreach (var field in new[] { "childName", "motherName", "fatherName", "placeOfBirth" })
        {
            var response = await PostRawBirthAsync(field, $"Lan{escaped}Anh");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([$"birth.{field}"], (await TeamSetup.ProblemAsync(response)).Fields.ToArray());
        }
    }

    [Fact]
    public async Task A_noncharacter_sent_unescaped_in_utf8_is_a_400_naming_the_field()
    {
        var response = await PostRawBirthAsync("childName", "Lan\\uFFFEAnh", unescape: true);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["birth.childName"], (await TeamSetup.ProblemAsync(response)).Fields.ToArray());
    }

    [Theory]
    [InlineData("Số 12/3, đường 30/4, P. Tân Phú")]
    [InlineData("Thôn 3, xã Đắk Ơ")]
    [InlineData("Ấp 2 - xã Lộc Ninh (cũ); tổ 5")]
    [InlineData("Bệnh viện Đa khoa tỉnh, khoa Sản #2")]
    public async Task Addresses_with_digits_commas_slashes_and_periods_are_accepted_as_places(string place)
    {
        var response = await PostBirthAsync(b => b with { PlaceOfBirth = place.Normalize(NormalizationForm.FormD) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("\\u3164\\u3164\\u3164")]
    [InlineData("\\u200B\\u200B\\u200B")]
    [InlineData("Xã Long\\u200BGiang")]
    [InlineData("Xã \\u202ELong Giang")]
    [InlineData("Thôn 3\\u2067")]
    [InlineData("Thôn\\u00073")]
    [InlineData("Thôn\\n3")]
    [InlineData("\\uE000\\uE001")]
    [InlineData("Thôn 3 \\u0378")]
    [InlineData("Thôn 3 \\uD83D\\uDE00")]
    [InlineData("..,,//")]
    public async Task A_place_with_invisible_bidi_control_private_unassigned_or_no_letter_is_refused(string escaped)
    {
        var response = await PostRawBirthAsync("placeOfBirth", escaped);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["birth.placeOfBirth"], (await TeamSetup.ProblemAsync(response)).Fields.ToArray());
    }

    /// <summary>A valid birth case whose field holds <paramref name="escaped"/> as written into the JSON (escapes kept, or decoded to raw UTF-8).</summary>
    private async Task<HttpResponseMessage> PostRawBirthAsync(string field, string escaped, bool unescape = false)
    {
        var c = SampleCases.Birth(desk.NextNumber());
        var json = JsonSerializer.Serialize(c with { Birth = c.Birth! with
        {
            ChildName = field == "childName" ? "@@" : c.Birth.ChildName, MotherName = field == "motherName" ? "@@" : c.Birth.MotherName,
            FatherName = field == "fatherName" ? "@@" : c.Birth.FatherName, PlaceOfBirth = field == "placeOfBirth" ? "@@" : c.Birth.PlaceOfBirth,
        } }, TeamSetup.Json);
        var value = unescape ? System.Text.RegularExpressions.Regex.Unescape(escaped) : escaped;
        var body = Encoding.UTF8.GetBytes(json.Replace("\"@@\"", $"\"{value}\"", StringComparison.Ordinal));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await desk.BirthClerk.PostAsync("/api/entries", content);
    }

    [Fact]
    public async Task A_name_over_a_hundred_characters_is_refused()
    {
        var response = await PostBirthAsync(b => b with { FatherName = string.Join(' ', Enumerable.Repeat("Nguyễn", 15)) });
        Assert.Contains("birth.fatherName", (await TeamSetup.ProblemAsync(response)).Fields);
    }

    [Fact]
    public async Task A_place_of_one_character_is_refused()
    {
        var response = await PostBirthAsync(b => b with { PlaceOfBirth = " x " });
        Assert.Contains("birth.placeOfBirth", (await TeamSetup.ProblemAsync(response)).Fields);
    }

    [Fact]
    public async Task Decomposed_names_are_stored_composed_trimmed_and_with_single_spaces()
    {
        var decomposed = "  Nguyễn   Thị  Hoa ".Normalize(NormalizationForm.FormD);
        var response = await PostBirthAsync(b => b with { ChildName = decomposed });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<CaseEntryResult>())!.Id;

        var details = JsonDocument.Parse((await CaseValidationTests.StoredDetailsAsync(desk, id))!).RootElement;
        var stored = details.GetProperty("childName").GetString()!;
        Assert.Equal("Nguyễn Thị Hoa".Normalize(NormalizationForm.FormC), stored);
        Assert.True(stored.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("female", details.GetProperty("sex").GetString());
    }

    [Fact]
    public async Task A_valid_citizen_id_matching_the_birth_year_and_sex_is_accepted()
    {
        // 070 Bình Phước, 1 = female born in the 1900s, 95 = 1995.
        var response = await PostBirthAsync(b => b with { ChildCitizenId = "070195001234" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("07019500123")]
    [InlineData("0701950012345")]
    [InlineData("07019500123A")]
    [InlineData("097195001234")]
    [InlineData("000195001234")]
    [InlineData("070196001234")]
    [InlineData("070395001234")]
    [InlineData("070095001234")]
    public async Task A_citizen_id_that_is_malformed_or_disagrees_with_the_person_is_refused_without_being_echoed(string id)
    {
        var response = await PostBirthAsync(b => b with { ChildCitizenId = id });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TeamSetup.ProblemAsync(response);
        Assert.Equal(["birth.childCitizenId"], problem.Fields.ToArray());
        Assert.DoesNotContain(id, problem.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spouses_citizen_id_is_checked_on_its_own_field()
    {
        var c = SampleCases.Marriage(desk.NextNumber());
        var response = await desk.MarriageClerk.PostAsJsonAsync("/api/entries",
            c with { Marriage = c.Marriage! with { HusbandCitizenId = "070075000001", WifeCitizenId = "070178000002x" } });
        Assert.Equal(["marriage.wifeCitizenId"], (await TeamSetup.ProblemAsync(response)).Fields.ToArray());
    }
}
