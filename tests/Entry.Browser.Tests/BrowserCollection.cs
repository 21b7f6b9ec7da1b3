namespace Entry.Browser.Tests;

/// <summary>
/// One server process and one Chromium for every browser test class: the server loads the whole demo province at
/// start, which is worth doing once. Tests that change data leave what the others read as it was.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ServerProcess>, ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "Browser";
}
