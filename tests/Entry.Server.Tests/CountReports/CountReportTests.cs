using System.Net;
using System.Net.Http.Json;
using Entry.Server.Tests.Cases;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Entry.Shared.Progress;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.CountReports;

[Collection(MovedClockCollection.Name)]
public sealed class CountReportTests(ReviewDesk desk) : IClassFixture<ReviewDesk>
{
    private static string Report(string book) => $"/api/books/{book}/count-report";

    private Task<int> CaseCountAsync(string book) =>
        desk.Factory.WithDbAsync(db => db.Books.Where(b => b.Code == book).Select(b => b.CaseCount).SingleAsync());

    [Fact]
    public async Task An_accepted_count_becomes_the_book_case_count_and_the_target_follows()
    {
        var before = (await desk.Admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;

        var reported = await desk.CountClerk.PostAsJsonAsync(Report(ReviewDesk.Books.Counted), new CountReportRequest { ReportedCount = 43, Note = "3 trang phụ lục" });
        var second = await desk.Leader.PostAsJsonAsync(Report(ReviewDesk.Books.Counted), new CountReportRequest { ReportedCount = 44 });
        var report = (await reported.Content.ReadFromJsonAsync<CountReportDto>())!;
        var pending = (await desk.Admin.GetFromJsonAsync<List<CountReportDto>>("/api/count-reports?status=pending"))!;
        var accepted = await desk.Admin.PostAsJsonAsync($"/api/count-reports/{report.Id}/accept", new CountDecisionRequest());
        var twice = await desk.Admin.PostAsJsonAsync($"/api/count-reports/{report.Id}/accept", new CountDecisionRequest());

        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        Assert.Equal((40, 43, CountReportStatus.Pending, "rv-o3"), (report.InventoryCount, report.ReportedCount, report.Status, report.ReportedByUserName));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains(pending, r => r.Id == report.Id);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(CountReportStatus.Accepted, (await accepted.Content.ReadFromJsonAsync<CountReportDto>())!.Status);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(43, await CaseCountAsync(ReviewDesk.Books.Counted));
        var after = (await desk.Admin.GetFromJsonAsync<ProgressResponse>("/api/progress"))!;
        Assert.Equal(before.Target + 3, after.Target);
        Assert.Contains((await desk.Admin.GetFromJsonAsync<List<CountReportDto>>("/api/count-reports?status=accepted"))!, r => r.Id == report.Id);
    }

    [Fact]
    public async Task A_count_below_the_entries_already_stored_is_refused_and_nothing_changes()
    {
        foreach (var number in new[] { 1, 2, 3 })
        {
            (await desk.ShortClerk.PostAsJsonAsync("/api/entries", SampleCases.Birth(number, ReviewDesk.Books.Short) with { Id = Guid.NewGuid() }))
                .EnsureSuccessStatusCode();
        }
        Assert.Equal(BookStatus.Finished, await StatusAsync(ReviewDesk.Books.Short));
        var reported = await desk.Leader.PostAsJsonAsync(Report(ReviewDesk.Books.Short), new CountReportRequest { ReportedCount = 5 });
        var report = (await reported.Content.ReadFromJsonAsync<CountReportDto>())!;

        var below = await desk.Admin.PostAsJsonAsync($"/api/count-reports/{report.Id}/accept", new CountDecisionRequest { CaseCount = 2 });

        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        Assert.Contains("3 cases logged", (await TeamSetup.ProblemAsync(below)).Body.GetProperty("detail").GetString());
        Assert.Equal(ReviewDesk.ShortCases, await CaseCountAsync(ReviewDesk.Books.Short));
        Assert.Equal(CountReportStatus.Pending, await desk.Factory.WithDbAsync(db => db.CountReports.Where(r => r.Id == report.Id).Select(r => r.Status).SingleAsync()));

        // A larger count reopens the finished book.
        var grown = await desk.Admin.PostAsJsonAsync($"/api/count-reports/{report.Id}/accept", new CountDecisionRequest());
        Assert.Equal(HttpStatusCode.OK, grown.StatusCode);
        Assert.Equal(BookStatus.InProgress, await StatusAsync(ReviewDesk.Books.Short));
    }

    [Fact]
    public async Task Bad_reports_name_the_field_and_only_the_holder_or_the_team_leader_reports()
    {
        var same = await desk.Leader.PostAsJsonAsync(Report(ReviewDesk.Books.Recounted), new CountReportRequest { ReportedCount = 40 });
        var tooMany = await desk.Leader.PostAsJsonAsync(Report(ReviewDesk.Books.Recounted), new CountReportRequest { ReportedCount = 5001 });
        var longNote = await desk.Leader.PostAsJsonAsync(Report(ReviewDesk.Books.Recounted), new CountReportRequest { ReportedCount = 39, Note = new string('x', 501) });
        var notHolder = await desk.Clerk.PostAsJsonAsync(Report(ReviewDesk.Books.Recounted), new CountReportRequest { ReportedCount = 39 });
        var farLeader = await desk.FarLeader.PostAsJsonAsync(Report(ReviewDesk.Books.Recounted), new CountReportRequest { ReportedCount = 39 });
        var admin = await desk.Admin.PostAsJsonAsync(Report(ReviewDesk.Books.Recounted), new CountReportRequest { ReportedCount = 39 });
        var noBook = await desk.Leader.PostAsJsonAsync(Report("NO-SUCH-BOOK"), new CountReportRequest { ReportedCount = 39 });

        Assert.Contains("reportedCount", (await TeamSetup.ProblemAsync(same)).Fields);
        Assert.Contains("reportedCount", (await TeamSetup.ProblemAsync(tooMany)).Fields);
        Assert.Contains("note", (await TeamSetup.ProblemAsync(longNote)).Fields);
        Assert.Equal(HttpStatusCode.Forbidden, notHolder.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, farLeader.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noBook.StatusCode);
        Assert.Equal(0, await desk.Factory.WithDbAsync(db => db.CountReports.CountAsync(r => r.Book!.Code == ReviewDesk.Books.Recounted && r.ReportedCount != 38)));
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_keeps_the_inventory_count()
    {
        var reported = await desk.Leader.PostAsJsonAsync(Report(ReviewDesk.Books.Recounted), new CountReportRequest { ReportedCount = 38 });
        var report = (await reported.Content.ReadFromJsonAsync<CountReportDto>())!;

        var noReason = await desk.Admin.PostAsJsonAsync($"/api/count-reports/{report.Id}/reject", new CountDecisionRequest());
        var byLeader = await desk.Leader.PostAsJsonAsync($"/api/count-reports/{report.Id}/reject", new CountDecisionRequest { Reason = "Đếm lại" });
        var rejected = await desk.Admin.PostAsJsonAsync($"/api/count-reports/{report.Id}/reject", new CountDecisionRequest { Reason = "Đã đếm lại: 40" });
        var badFilter = await desk.Admin.GetAsync("/api/count-reports?status=maybe");

        Assert.Contains("reason", (await TeamSetup.ProblemAsync(noReason)).Fields);
        Assert.Equal(HttpStatusCode.Forbidden, byLeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal((CountReportStatus.Rejected, "Đã đếm lại: 40"), ((await rejected.Content.ReadFromJsonAsync<CountReportDto>())!.Status, (await desk.Admin.GetFromJsonAsync<List<CountReportDto>>("/api/count-reports?status=rejected"))!.Single(r => r.Id == report.Id).DecisionReason));
        Assert.Equal(40, await CaseCountAsync(ReviewDesk.Books.Recounted));
        Assert.Contains("status", (await TeamSetup.ProblemAsync(badFilter)).Fields);
    }

    private Task<BookStatus> StatusAsync(string book) =>
        desk.Factory.WithDbAsync(db => db.Books.Where(b => b.Code == book).Select(b => b.Status).SingleAsync());
}
