using System.Net;
using System.Net.Http.Json;
using System.Text;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Cases;

// The fake clock is handed to Quartz, whose clock is process-wide: run apart from the other servers.
[Collection(MovedClockCollection.Name)]
public sealed class CaseValidationTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    private async Task<HashSet<string>> RefusedFieldsAsync(HttpClient clerk, CaseEntryRequest request)
    {
        var response = await clerk.PostAsJsonAsync("/api/entries", request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await TeamSetup.ProblemAsync(response)).Fields;
    }

    private async Task AcceptedAsync(HttpClient clerk, CaseEntryRequest request)
    {
        var response = await clerk.PostAsJsonAsync("/api/entries", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_case_of_each_type_is_stored_and_answered_with_counts()
    {
        var response = await desk.BirthClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(desk.NextNumber()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<CaseEntryResult>())!;
        Assert.Equal(EntryDesk.Books.Birth, result.BookCode);
        Assert.Equal(EntryDesk.Cases, result.CaseCount);
        Assert.True(result.CasesLogged >= 1);

        await AcceptedAsync(desk.MarriageClerk, SampleCases.Marriage(desk.NextNumber()));
        await AcceptedAsync(desk.DeathClerk, SampleCases.Death(desk.NextNumber()));
        await AcceptedAsync(desk.AdoptionClerk, SampleCases.Adoption(desk.NextNumber()));
    }

    [Fact]
    public async Task Every_breach_of_the_common_fields_is_reported_together_by_field()
    {
        var request = SampleCases.Birth(EntryDesk.Cases + 1) with
        {
            Id = Guid.Empty, Page = 0, RegistrationDate = null, NeedsVerification = true, VerificationReason = null,
        };
        var fields = await RefusedFieldsAsync(desk.BirthClerk, request);
        Assert.Equal(["entryNumber", "id", "page", "registrationDate", "verificationReason"], fields.Order().ToArray());
    }

    [Theory]
    [InlineData(0, "entryNumber")]
    [InlineData(-3, "entryNumber")]
    public async Task An_entry_number_below_one_is_refused(int number, string field) =>
        Assert.Contains(field, await RefusedFieldsAsync(desk.BirthClerk, SampleCases.Birth(number)));

    [Fact]
    public async Task A_page_past_two_thousand_is_refused() =>
        Assert.Contains("page", await RefusedFieldsAsync(desk.BirthClerk, SampleCases.Birth(desk.NextNumber()) with { Page = 2001 }));

    [Fact]
    public async Task An_unknown_book_is_refused_on_bookCode() =>
        Assert.Contains("bookCode", await RefusedFieldsAsync(desk.BirthClerk, SampleCases.Birth(1, "KS-NOWHERE")));

    [Fact]
    public async Task A_registration_date_outside_the_books_period_is_refused() =>
        Assert.Contains("registrationDate", await RefusedFieldsAsync(desk.BirthClerk,
            SampleCases.Birth(desk.NextNumber()) with { RegistrationDate = new DateOnly(1989, 12, 31) }));

    [Fact]
    public async Task A_case_registered_on_or_after_the_cutoff_is_refused_even_in_a_book_spanning_it() =>
        Assert.Contains("registrationDate", await RefusedFieldsAsync(desk.BirthClerk,
            SampleCases.Birth(desk.NextNumber()) with { RegistrationDate = new DateOnly(2019, 4, 1) }));

    [Fact]
    public async Task A_reason_without_needing_verification_is_refused() =>
        Assert.Contains("verificationReason", await RefusedFieldsAsync(desk.BirthClerk,
            SampleCases.Birth(desk.NextNumber()) with { VerificationReason = VerificationReason.Illegible }));

    [Fact]
    public async Task A_case_needing_verification_with_its_reason_is_stored_flagged()
    {
        var response = await desk.BirthClerk.PostAsJsonAsync("/api/entries",
            SampleCases.Birth(desk.NextNumber()) with { NeedsVerification = true, VerificationReason = VerificationReason.MissingInformation });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<CaseEntryResult>())!.NeedsVerification);
    }

    [Fact]
    public async Task The_object_of_another_type_is_refused_and_the_missing_one_named()
    {
        var request = SampleCases.Birth(desk.NextNumber()) with { Birth = null, Marriage = SampleCases.Marriage(1).Marriage };
        var fields = await RefusedFieldsAsync(desk.BirthClerk, request);
        Assert.Contains("birth", fields);
        Assert.Contains("marriage", fields);
    }

    [Fact]
    public async Task Each_missing_birth_field_is_named()
    {
        var request = SampleCases.Birth(desk.NextNumber()) with { Birth = new BirthCase() };
        var fields = await RefusedFieldsAsync(desk.BirthClerk, request);
        Assert.Equal(
            ["birth.childName", "birth.dateOfBirth", "birth.motherName", "birth.placeOfBirth", "birth.sex"],
            fields.Order().ToArray());
    }

    [Fact]
    public async Task A_birth_without_a_father_is_accepted()
    {
        var c = SampleCases.Birth(desk.NextNumber());
        await AcceptedAsync(desk.BirthClerk, c with { Birth = c.Birth! with { FatherName = null } });
    }

    [Fact]
    public async Task A_child_born_after_the_registration_is_refused()
    {
        var c = SampleCases.Birth(desk.NextNumber());
        Assert.Contains("birth.dateOfBirth", await RefusedFieldsAsync(desk.BirthClerk,
            c with { Birth = c.Birth! with { DateOfBirth = new DateOnly(1995, 3, 15) } }));
    }

    [Fact]
    public async Task A_date_before_1850_is_refused()
    {
        var c = SampleCases.Death(desk.NextNumber());
        Assert.Contains("death.dateOfBirth", await RefusedFieldsAsync(desk.DeathClerk,
            c with { Death = c.Death! with { DateOfBirth = new DateOnly(1849, 12, 31) } }));
    }

    [Fact]
    public async Task An_impossible_calendar_date_is_refused_naming_its_field()
    {
        var json = (await Serialized(SampleCases.Birth(desk.NextNumber()))).Replace("1995-03-02", "1995-02-30", StringComparison.Ordinal);
        var response = await desk.BirthClerk.PostAsync("/api/entries", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("birth.dateOfBirth", (await TeamSetup.ProblemAsync(response)).Fields);
    }

    [Fact]
    public async Task An_unknown_sex_is_refused_naming_its_field()
    {
        var json = (await Serialized(SampleCases.Birth(desk.NextNumber()))).Replace("\"female\"", "\"unknown\"", StringComparison.Ordinal);
        var response = await desk.BirthClerk.PostAsync("/api/entries", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("birth.sex", (await TeamSetup.ProblemAsync(response)).Fields);
    }

    [Fact]
    public async Task Death_dates_out_of_order_are_refused()
    {
        var c = SampleCases.Death(desk.NextNumber());
        Assert.Contains("death.dateOfDeath", await RefusedFieldsAsync(desk.DeathClerk,
            c with { Death = c.Death! with { DateOfDeath = new DateOnly(1930, 1, 1) } }));
        Assert.Contains("death.dateOfDeath", await RefusedFieldsAsync(desk.DeathClerk,
            c with { Death = c.Death! with { DateOfDeath = new DateOnly(2005, 11, 3) } }));
    }

    [Fact]
    public async Task Each_missing_death_field_is_named()
    {
        var fields = await RefusedFieldsAsync(desk.DeathClerk, SampleCases.Death(desk.NextNumber()) with { Death = new DeathCase() });
        Assert.Equal(
            ["death.dateOfBirth", "death.dateOfDeath", "death.deceasedName", "death.placeOfDeath", "death.sex"],
            fields.Order().ToArray());
    }

    [Fact]
    public async Task A_spouse_younger_than_sixteen_at_registration_is_refused()
    {
        var c = SampleCases.Marriage(desk.NextNumber());
        Assert.Contains("marriage.wifeDateOfBirth", await RefusedFieldsAsync(desk.MarriageClerk,
            c with { Marriage = c.Marriage! with { WifeDateOfBirth = new DateOnly(1982, 6, 21) } }));
    }

    [Fact]
    public async Task Each_missing_marriage_field_is_named()
    {
        var fields = await RefusedFieldsAsync(desk.MarriageClerk, SampleCases.Marriage(desk.NextNumber()) with { Marriage = new MarriageCase() });
        Assert.Equal(
            ["marriage.husbandDateOfBirth", "marriage.husbandName", "marriage.registrationPlace", "marriage.wifeDateOfBirth", "marriage.wifeName"],
            fields.Order().ToArray());
    }

    [Fact]
    public async Task An_adoption_needs_at_least_one_adoptive_parent()
    {
        var c = SampleCases.Adoption(desk.NextNumber());
        var fields = await RefusedFieldsAsync(desk.AdoptionClerk, c with { Adoption = c.Adoption! with { AdoptiveMotherName = "  " } });
        Assert.Contains("adoption.adoptiveMotherName", fields);
        Assert.Contains("adoption.adoptiveFatherName", fields);
    }

    [Fact]
    public async Task An_adoptee_born_after_the_registration_is_refused()
    {
        var c = SampleCases.Adoption(desk.NextNumber());
        Assert.Contains("adoption.adopteeDateOfBirth", await RefusedFieldsAsync(desk.AdoptionClerk,
            c with { Adoption = c.Adoption! with { AdopteeDateOfBirth = new DateOnly(2001, 4, 11) } }));
    }

    private static Task<string> Serialized(CaseEntryRequest request) => JsonContent.Create(request).ReadAsStringAsync();

    internal static Task<string?> StoredDetailsAsync(EntryDesk desk, Guid id) =>
        desk.Factory.WithDbAsync(db => db.CaseEntries.Where(e => e.Id == id).Select(e => e.Details).FirstOrDefaultAsync());
}
