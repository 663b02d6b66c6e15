extern alias host;

using host::Marketpilot.Host.Hosting;

namespace Marketpilot.Host.Tests.ScopedKeys;

public sealed class ApiOptionsValidatorTests
{
    private const string Secret = "s3cret-key-value-never-shown";

    [Fact]
    public void AdminKeysAndScopedKeysWithShopsAreValid()
    {
        var options = Options(Scoped(Secret, "ozon/123", "wildberries/9"));
        options.Keys.Add("admin-key");

        Assert.True(new ApiOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void AScopedKeyWithoutShopsIsRefusedNamingItsPath()
    {
        var failures = Failures(Options(Scoped("k0", "ozon/1"), Scoped(Secret)));

        Assert.Equal(["Marketpilot:Api:ScopedKeys:1:Shops lists no shop; a scoped key needs at least one '<marketplace>/<shopId>' (an admin key goes in Marketpilot:Api:Keys)"], failures);
    }

    [Theory]
    [InlineData("ozon")]
    [InlineData("ozon/")]
    [InlineData("/123")]
    [InlineData("ozon/1/2")]
    [InlineData(" ozon/1")]
    public void AShopThatIsNotMarketplaceSlashShopIdIsRefusedNamingItsPath(string shop)
    {
        var failures = Failures(Options(Scoped(Secret, "ozon/1", shop)));

        Assert.Equal([$"Marketpilot:Api:ScopedKeys:0:Shops:1 is '{shop}'; a shop is written '<marketplace>/<shopId>', for example 'ozon/123456'"], failures);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void AScopedKeyWithoutItsKeyIsRefused(string? key)
    {
        var failures = Failures(Options(Scoped(key, "ozon/1")));

        Assert.Equal(["Marketpilot:Api:ScopedKeys:0:Key is missing; a scoped key needs its key value"], failures);
    }

    [Fact]
    public void AKeyGivenTwiceIsRefusedNamingBothPathsButNeverTheKey()
    {
        var options = Options(Scoped("other", "ozon/1"), Scoped(" " + Secret, "ozon/2"));
        options.Keys.Add(Secret);

        var failures = Failures(options);

        Assert.Equal(["Marketpilot:Api:ScopedKeys:1:Key repeats the key of Marketpilot:Api:Keys:0; every API key must be different"], failures);
        Assert.DoesNotContain(failures, f => f.Contains(Secret, StringComparison.Ordinal));
    }

    private static ApiOptions Options(params ScopedApiKeyOptions[] scoped) => new() { ScopedKeys = [.. scoped] };

    private static ScopedApiKeyOptions Scoped(string? key, params string[] shops) => new() { Key = key, Shops = [.. shops] };

    private static IEnumerable<string> Failures(ApiOptions options) => new ApiOptionsValidator().Validate(null, options).Failures ?? [];
}
