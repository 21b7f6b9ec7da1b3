using System.Net.Http.Json;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;

namespace Entry.Server.Tests.Auth;

/// <summary>
/// <c>GET /api/auth/me</c> says whether the user reviews some team's cases, by the rule the review queues apply, so the
/// app offers the review page only to those it would not answer 403.
/// </summary>
public sealed class MayReviewTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    [Theory]
    [InlineData("admin", true)]
    [InlineData("leader", true)]
    // The demo team's members 2 and 3 are its civil-registry officers; the demo clerk is one of its "others".
    [InlineData("u689-02", true)]
    [InlineData("clerk", false)]
    [InlineData("monitor", false)]
    public async Task Me_says_who_reviews_and_the_review_queue_agrees(string userName, bool reviews)
    {
        var client = await factory.SignedInClientAsync(userName, "Demo-2026");

        var me = await client.GetFromJsonAsync<CurrentUser>("/api/auth/me");

        Assert.Equal(reviews, me!.MayReview);
        if (userName is "clerk" or "u689-02")
        {
            var team = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/teams/mine");
            var id = team.GetProperty("team").GetProperty("id").GetInt32();
            using var queue = await client.GetAsync($"/api/teams/{id}/verification");
            Assert.Equal(reviews, queue.IsSuccessStatusCode);
        }
    }
}
