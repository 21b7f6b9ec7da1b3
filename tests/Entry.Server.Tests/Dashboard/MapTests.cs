using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Entry.Shared.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Dashboard;

/// <summary><c>GET /api/map/districts</c>: the shipped outlines, projected into one view box, cacheable.</summary>
public sealed partial class MapTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    [Fact]
    public async Task The_map_holds_the_11_districts_of_the_unit_list_inside_its_view_box()
    {
        var clerk = await factory.ClientAsAsync(Roles.Clerk);

        var map = (await clerk.GetFromJsonAsync<MapOutlines>("/api/map/districts"))!;

        var districts = await factory.WithDbAsync(db => db.Units.Where(u => u.ParentCode != null && u.DistrictCode == u.Code).Select(u => u.Code).ToListAsync());
        Assert.Equal(11, map.Districts.Count);
        Assert.Equal(districts.Order(), map.Districts.Select(d => d.Code).Order());
        var box = map.ViewBox.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal((0d, 0d, 1000d), (box[0], box[1], box[2]));
        foreach (var district in map.Districts)
        {
            Assert.StartsWith("M", district.Path);
            Assert.EndsWith("Z", district.Path);
            var numbers = Number().Matches(district.Path).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
            Assert.True(numbers.Count > 20, district.Code);
            Assert.All(numbers.Where((_, i) => i % 2 == 0), x => Assert.InRange(x, 0, box[2]));
            Assert.All(numbers.Where((_, i) => i % 2 == 1), y => Assert.InRange(y, 0, box[3]));
            Assert.All(numbers, n => Assert.Equal(Math.Round(n, 1), n));
            Assert.InRange(district.LabelX, 0, box[2]);
            Assert.InRange(district.LabelY, 0, box[3]);
        }
        Assert.Equal("Thành phố Đồng Xoài", map.Districts.Single(d => d.Code == "689").Name);
    }

    [Fact]
    public async Task The_map_is_cacheable_and_revalidated_by_its_etag()
    {
        var monitor = await factory.ClientAsAsync(Roles.Monitor);

        var first = await monitor.GetAsync("/api/map/districts");
        var body = await first.Content.ReadAsByteArrayAsync();
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/map/districts");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await monitor.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromDays(1), first.Headers.CacheControl.MaxAge);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        // Small enough for a slow link.
        using var gzipped = new MemoryStream();
        await using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(body);
        }
        Assert.InRange(gzipped.Length, 1, 40_000);
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Number();
}
