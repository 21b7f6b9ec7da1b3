namespace Entry.Browser.Tests;

/// <summary>The server the browser tests share lets the suite sign in as often as it needs, whatever the order of its tests.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SuiteServerTests(ServerProcess server)
{
    [Fact]
    public async Task More_sign_ins_from_127_0_0_1_than_the_production_limit_of_ten_a_minute_all_succeed()
    {
        // Beyond the production limit within one minute, on top of whatever the other tests signed in so far.
        for (var i = 0; i < 12; i++)
        {
            using var session = await ApiSession.SignInAsync(server.BaseAddress, "leader");
        }
    }
}
