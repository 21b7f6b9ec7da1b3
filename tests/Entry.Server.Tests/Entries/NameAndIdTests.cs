using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using Entry.Shared.Entries;

namespace Entry.Server.Tests.Entries;

// The fake clock is handed to Quartz, whose clock is process-wide: run apart from the other servers.
[Collection(MovedClockCollection.Name)]
public sealed class NameAndIdTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    private async Task<HttpResponseMessage> PostBirthAsync(Func<BirthCase, BirthCase> change)
    {
        var c = Cases.Birth(desk.NextNumber());
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

        var details = JsonDocument.Parse((await EntryValidationTests.StoredDetailsAsync(desk, id))!).RootElement;
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
        var c = Cases.Marriage(desk.NextNumber());
        var response = await desk.MarriageClerk.PostAsJsonAsync("/api/entries",
            c with { Marriage = c.Marriage! with { HusbandCitizenId = "070075000001", WifeCitizenId = "070178000002x" } });
        Assert.Equal(["marriage.wifeCitizenId"], (await TeamSetup.ProblemAsync(response)).Fields.ToArray());
    }
}
