using System.Net;
using System.Text.Json;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Teams;
using static Entry.Server.Tests.Reports.ReportWorld;

namespace Entry.Server.Tests.Reports;

/// <summary>Bad report queries are problems naming their field, never a 500, in every format.</summary>
[Collection(MovedClockCollection.Name)]
public sealed class ReportQueryTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    public static readonly TheoryData<string, int, string> BadQueries = new()
    {
        { "?date=2026-13-01", 400, "date" },
        { "?date=24/11/2026", 400, "date" },
        { "?date=yesterday", 400, "date" },
        { "?date=2026-11-25", 400, "date" },
        { "?date=2026-11-24&previous=2026-11-24", 400, "previous" },
        { "?date=2026-11-23&previous=2026-11-24", 400, "previous" },
        { "?date=2026-11-24&previous=2026-02-30", 400, "previous" },
        { "?date=2026-11-24&previous=2026-11-20", 404, "previous" },
        { "?date=2026-11-20", 404, "date" },
        { "?district=99999", 404, "district" },
        { "?district=25216", 404, "district" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_is_a_problem_naming_its_field(string query, int status, string field)
    {
        foreach (var path in new[] { "/api/reports/progress", "/api/reports/progress.xlsx", "/api/reports/progress.csv" })
        {
            var response = await world.Admin.GetAsync(path + query);

            Assert.Equal((HttpStatusCode)status, response.StatusCode);
            Assert.Equal([field], (await TeamSetup.ProblemAsync(response)).Fields);
        }
    }

    [Fact]
    public async Task Without_a_date_the_report_is_today_s_and_live_until_its_snapshot_is_taken()
    {
        var report = await world.Admin.GetAsync("/api/reports/progress");

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var body = (await TeamSetup.ProblemAsync(report)).Body;
        Assert.Equal("2026-11-24", body.GetProperty("date").GetString());
        Assert.True(body.GetProperty("live").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("previousDate").ValueKind);
    }
}
