using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests;

public sealed class RuleFixtureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ArrayOfCamelCaseSnapshotsIsRead()
    {
        var path = _folder.Write("f.json", """[{"marketplace":"ozon","shopId":"shop-1","sku":"A-1","price":105,"cost":100,"date":"2026-11-20","promotions":["p-1"]}]""");

        var fixture = RuleFixture.Load(path);

        var sku = Assert.Single(fixture.Skus);
        Assert.Equal((105m, 100m, Some.Day(20), "p-1"), (sku.Price, sku.Cost, sku.Date, sku.Promotions.Single()));
        Assert.Empty(fixture.Campaigns);
    }

    [Fact]
    public void ObjectFormCarriesCampaignsAndLastFiredAt()
    {
        const string json = """{"skus":[{"marketplace":"ozon","shopId":"shop-1","sku":"A-1"}],"campaigns":[{"marketplace":"ozon","shopId":"shop-1","campaignId":"ad-1","kind":"ad","status":"active","skus":["A-1"]}],"lastFiredAt":"2026-11-22T00:00:00Z"}""";

        var fixture = RuleFixture.Parse(json, "f.json");

        Assert.Equal("ad-1", Assert.Single(fixture.Campaigns).CampaignId);
        Assert.Equal(Some.Now.AddDays(-1), fixture.LastFiredAt);
    }

    [Fact]
    public void BadJsonNamesTheFileAndTheLine()
    {
        var path = _folder.Write("bad.json", "[\n  {\"marketplace\":\"ozon\",\"shopId\":\"s\",\"sku\":\"A\",\n   \"price\": \"cheap\"}\n]");

        var error = Assert.Throws<RuleFixtureException>(() => RuleFixture.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("$[0].price", error.Message, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredPropertyIsReported()
    {
        var error = Assert.Throws<RuleFixtureException>(() => RuleFixture.Parse("""[{"marketplace":"ozon","shopId":"s"}]""", "f.json"));

        Assert.Contains("sku", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"marketplace":"ozon","shopId":"s","sku":"a","price":10,"cots":5}]""", "$[0].cots")]
    [InlineData("""{"skus":[{"marketplace":"ozon","shopId":"s","sku":"a","price":10}],"campaigns":[{"marketplace":"ozon","shopId":"s","campaignId":"c","spent":5}]}""", "$.campaigns[0].spent")]
    [InlineData("""{"sku":[]}""", "$.sku")]
    public void AFieldTheFixtureDoesNotHaveIsNamedNotIgnored(string json, string field)
    {
        var error = Assert.Throws<RuleFixtureException>(() => RuleFixture.Parse(json, "f.json"));

        Assert.Equal($"f.json is not a valid fixture: {field} is not a field of a fixture, SKU snapshot, campaign or event (check its spelling)", error.Message);
    }

    [Fact]
    public void AFieldGivenTwiceIsReported()
    {
        var error = Assert.Throws<RuleFixtureException>(() => RuleFixture.Parse("""[{"marketplace":"ozon","shopId":"s","sku":"a","price":10,"cost":5,"cost":0}]""", "f.json"));

        Assert.Contains("Duplicate property 'cost'", error.Message, StringComparison.Ordinal);
    }
}
