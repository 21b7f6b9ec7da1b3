using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Shifts;
using Entry.Shared.Common;
using Entry.Shared.Entries;

namespace Entry.Server.Tests.Cases;

/// <summary>
/// <c>GET /api/entries/mine</c>: a clerk finds their own earlier cases — of the book held, of a shift day, by entry number —
/// with the registered person's name; never another clerk's, and the names never reach the log.
/// </summary>
[Collection(MovedClockCollection.Name)]
public sealed class MyCasesTests(EntryDesk desk) : IClassFixture<EntryDesk>
{
    private static async Task<PagedResult<MyCase>> MineAsync(HttpClient clerk, string query = "")
    {
        var response = await clerk.GetAsync("/api/entries/mine" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<PagedResult<MyCase>>())!;
    }

    private static async Task<Guid> LogAsync(HttpClient clerk, CaseEntryRequest request)
    {
        (await clerk.PostAsJsonAsync("/api/entries", request)).EnsureSuccessStatusCode();
        return request.Id;
    }

    [Fact]
    public async Task A_clerk_sees_their_own_cases_of_the_book_newest_first_with_the_name_and_not_another_clerks()
    {
        var first = await LogAsync(desk.BirthClerk, SampleCases.Birth(desk.NextNumber()));
        var secondNumber = desk.NextNumber();
        var second = await LogAsync(desk.BirthClerk, SampleCases.Birth(secondNumber) with
        {
            Birth = SampleCases.Birth(0).Birth! with { ChildName = "Điểu Thị H'Bia" },
        });
        var theirs = await LogAsync(desk.MarriageClerk, SampleCases.Marriage(desk.NextNumber()));

        var mine = await MineAsync(desk.BirthClerk, $"?bookCode={EntryDesk.Books.Birth}");

        var ids = mine.Items.Select(i => i.Id).ToList();
        Assert.Contains(first, ids);
        Assert.Contains(second, ids);
        Assert.DoesNotContain(theirs, ids);
        Assert.True(ids.IndexOf(second) < ids.IndexOf(first), "the later entry number comes first");
        var row = mine.Items.Single(i => i.Id == second);
        Assert.Equal(("Điểu Thị H'Bia", secondNumber, EntryDesk.Books.Birth, CaseStatus.Entered), (row.Name, row.EntryNumber, row.BookCode, row.Status));
        Assert.Equal(EntryDesk.Today, row.ShiftDate);
        Assert.All(mine.Items, i => Assert.Equal(EntryDesk.Books.Birth, i.BookCode));

        // The marriage clerk's list holds their case with both names, none of the birth clerk's.
        var marriages = await MineAsync(desk.MarriageClerk);
        var marriage = Assert.Single(marriages.Items, i => i.Id == theirs);
        Assert.Equal(("Điểu K'Lung", "Thị H'Bia"), (marriage.Name, marriage.SecondName));
        Assert.DoesNotContain(marriages.Items, i => i.Id == first || i.Id == second);

        // Asking for another clerk's book answers an empty list, not their cases.
        var otherBook = await MineAsync(desk.BirthClerk, $"?bookCode={EntryDesk.Books.Marriage}");
        Assert.Empty(otherBook.Items);
        Assert.Equal(0, otherBook.Total);

        Assert.DoesNotContain(desk.Factory.Logs, line => line.Contains("H'Bia", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clerk_finds_a_case_by_its_entry_number_and_a_skipped_number_shows_without_a_name()
    {
        var number = desk.NextNumber();
        var logged = await LogAsync(desk.BirthClerk, SampleCases.Birth(number));
        var skippedNumber = desk.NextNumber();
        var skip = new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = EntryDesk.Books.Birth, EntryNumber = skippedNumber, Reason = SkipReason.EntryBlank };
        (await desk.BirthClerk.PostAsJsonAsync("/api/entries/skip", skip)).EnsureSuccessStatusCode();

        var found = await MineAsync(desk.BirthClerk, $"?bookCode={EntryDesk.Books.Birth}&entryNumber={number}");
        var skipped = await MineAsync(desk.BirthClerk, $"?entryNumber={skippedNumber}");
        var byOther = await MineAsync(desk.MarriageClerk, $"?entryNumber={number}");

        var row = Assert.Single(found.Items);
        Assert.Equal((logged, "Nguyễn Thị Hoa"), (row.Id, row.Name));
        var skippedRow = Assert.Single(skipped.Items);
        Assert.Equal((CaseStatus.Skipped, SkipReason.EntryBlank, (string?)null), (skippedRow.Status, skippedRow.SkipReason, skippedRow.Name));
        Assert.DoesNotContain(byOther.Items, i => i.Id == logged);
    }

    [Fact]
    public async Task The_day_filters_by_the_shift_day_and_the_list_is_paged()
    {
        await LogAsync(desk.BirthClerk, SampleCases.Birth(desk.NextNumber()));
        await LogAsync(desk.BirthClerk, SampleCases.Birth(desk.NextNumber()));

        var today = await MineAsync(desk.BirthClerk, $"?date={EntryDesk.Today:yyyy-MM-dd}&pageSize=1");
        var secondPage = await MineAsync(desk.BirthClerk, $"?date={EntryDesk.Today:yyyy-MM-dd}&pageSize=1&page=2");
        var yesterday = await MineAsync(desk.BirthClerk, $"?date={EntryDesk.Today.AddDays(-1):yyyy-MM-dd}");

        Assert.Single(today.Items);
        Assert.True(today.Total >= 2, $"{today.Total} cases today");
        Assert.NotEqual(today.Items[0].Id, Assert.Single(secondPage.Items).Id);
        Assert.Empty(yesterday.Items);
    }

    [Theory]
    [InlineData("?pageSize=1000", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?date=13/03/2026", "date")]
    [InlineData("?entryNumber=abc", "entryNumber")]
    [InlineData("?entryNumber=0", "entryNumber")]
    public async Task A_bad_query_is_a_problem_naming_the_parameter(string query, string field)
    {
        var response = await desk.BirthClerk.GetAsync("/api/entries/mine" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>();
        Assert.True(problem!.Errors.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
    }
}
