using System.Net;
using System.Net.Http.Json;
using System.Text;
using Entry.Server.Features.Books;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Common;
using Entry.Shared.Progress;
using Entry.Shared.Units;
using Microsoft.AspNetCore.Mvc;

namespace Entry.Server.Tests.Books;

/// <summary>The server started in demo mode, as <c>dotnet run</c> starts it.</summary>
public sealed class DemoSprintTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    [Theory]
    [InlineData("admin", Roles.Admin)]
    [InlineData("monitor", Roles.Monitor)]
    [InlineData("leader", Roles.TeamLeader)]
    [InlineData("clerk", Roles.Clerk)]
    public async Task Each_demo_user_signs_in_with_the_demo_password(string userName, string role)
    {
        var client = await factory.SignedInClientAsync(userName, "Demo-2026");

        var me = await client.GetFromJsonAsync<CurrentUser>("/api/auth/me");

        Assert.Equal([role], me!.Roles);
    }

    [Fact]
    public async Task Progress_starts_at_the_province_target_with_nothing_entered()
    {
        var monitor = await factory.SignedInClientAsync("monitor", "Demo-2026");

        var progress = (await monitor.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;

        Assert.Equal(1_457_884, progress.Target);
        Assert.Equal(27_548, progress.BooksTotal);
        Assert.Equal(27_548, progress.BooksNotStarted);
        Assert.Equal(0, progress.Entered);
        Assert.Equal(progress.Target, progress.ByType.Sum(t => t.Target));
        Assert.Equal(11, progress.ByDistrict.Count);
        Assert.Contains(progress.ByDistrict, d => d.UnitCode == "688" && d.Name == "Thị xã Phước Long");
        // The province's own books belong to no district.
        Assert.True(progress.ByDistrict.Sum(d => d.Target) < progress.Target);
    }

    [Fact]
    public async Task The_unit_tree_adds_up_to_the_province_totals()
    {
        var leader = await factory.SignedInClientAsync("leader", "Demo-2026");

        var roots = (await leader.GetFromJsonAsync<List<UnitNode>>("/api/units"))!;

        var province = Assert.Single(roots);
        Assert.Equal("70", province.Code);
        Assert.Equal(27_548, province.Books);
        Assert.Equal(1_457_884, province.Cases);
        Assert.Equal(11, province.Children.Count);
        Assert.Equal(111, province.Children.Sum(d => d.Children.Count));
        Assert.Equal(province.Cases, province.OwnCases + province.Children.Sum(d => d.Cases));
        Assert.All(province.Children, d => Assert.Equal(d.Cases, d.OwnCases + d.Children.Sum(c => c.Cases)));
        Assert.Equal(province.Cases, province.ByType.Sum(t => t.Cases));
    }

    [Fact]
    public async Task Books_list_in_the_order_of_work_and_filter_by_unit_type_and_condition()
    {
        var admin = await factory.SignedInClientAsync("admin", "Demo-2026");

        var page = (await admin.GetFromJsonAsync<PagedResult<BookDto>>("/api/books?unitCode=688&pageSize=500"))!;
        var district = (await admin.GetFromJsonAsync<List<UnitNode>>("/api/units"))![0].Children.Single(d => d.Code == "688");

        Assert.Equal(district.Books, page.Total);
        var keys = page.Items.Select(b => (b.Type, b.Condition, b.RegisteredFrom)).ToList();
        Assert.Equal(keys.Order(), keys);
        var worn = (await admin.GetFromJsonAsync<PagedResult<BookDto>>("/api/books?unitCode=25216&type=death&condition=worn&page=1&pageSize=10"))!;
        Assert.All(worn.Items, b => Assert.True(b is { UnitCode: "25216", Type: BookType.Death, Condition: BookCondition.Worn }));
        var all = (await admin.GetFromJsonAsync<PagedResult<BookDto>>("/api/books?unitCode=70&pageSize=1"))!;
        Assert.Equal(27_548, all.Total);
    }

    [Theory]
    [InlineData("type=baptism", "type")]
    [InlineData("condition=wet", "condition")]
    [InlineData("status=lost", "status")]
    [InlineData("unitCode=99999", "unitCode")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=100000", "pageSize")]
    public async Task A_bad_filter_is_a_problem_naming_the_field(string query, string field)
    {
        var admin = await factory.SignedInClientAsync("admin", "Demo-2026");

        var response = await admin.GetAsync($"/api/books?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task The_exported_inventory_is_in_the_import_format_and_imports_as_all_duplicates()
    {
        var admin = await factory.SignedInClientAsync("admin", "Demo-2026");

        var export = await admin.GetAsync("/api/books/export");
        var csv = await export.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("book_code,unit_code,type,volume,registered_from,registered_to,case_count,condition", csv.TrimStart('\uFEFF'));
        var again = (await (await admin.PostAsync("/api/books/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).Content.ReadFromJsonAsync<ImportResult>())!;
        Assert.Equal(0, again.Accepted);
        Assert.Equal(27_548, again.RejectedCount);
        Assert.Equal(BookImporter.MaxListedMessages, again.Rejected.Count); // the answer lists the first ones
        Assert.All(again.Rejected, r => Assert.Equal("book_code is already in the inventory", r.Reason));
    }
}
