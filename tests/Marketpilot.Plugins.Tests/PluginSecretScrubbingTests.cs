using Marketpilot.Plugins.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Plugins.Tests;

/// <summary>A careless plugin quotes its secret settings; the host masks them before anything records or logs them.</summary>
public sealed class PluginSecretScrubbingTests : IDisposable
{
    private const string BotToken = "123456789:AAE-bot-token-never-shown";
    private const string ApiKey = "ak-7f3e91-never-shown";
    private const string Hook = "https://hooks.example/T01/sign-9c2d";
    private const string Greeting = "hello from the shop";
    private readonly PluginsFolder _plugins = new();

    [Fact]
    public async Task AChannelThatThrowsItsSecretIsFaultedWithTheSecretMaskedAndItsOtherSettingsKept()
    {
        // Two failed calls open the plugin's breaker, whose reason (logged, and shown by plugins list and the console) quotes the last failure.
        var (registry, catalog) = LoadLeaky(("Marketpilot:Plugins:Runtime:MinimumThroughput", "2"));
        var channel = registry.Channels.Single();

        var thrown = await Assert.ThrowsAsync<ScrubbedPluginException>(() => channel.SendAsync(Notify("throw"), CancellationToken.None));
        await Assert.ThrowsAsync<ScrubbedPluginException>(() => channel.SendAsync(Notify("throw"), CancellationToken.None));

        Assert.Equal($"HttpRequestException: 401 (Unauthorized) from https://api.telegram.org/bot***/sendMessage ({Greeting})", thrown.Message);
        Assert.Null(thrown.InnerException);
        var faulted = catalog.Find("leaky")!;
        Assert.Equal(PluginStatus.Faulted, faulted.Status);
        Assert.Contains($"send threw ScrubbedPluginException: {thrown.Message}", faulted.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(BotToken, faulted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChannelsDeliveryReasonHasTheSettingItsManifestDeclaresSecretMasked()
    {
        var (registry, _) = LoadLeaky();

        var refused = await registry.Channels.Single().SendAsync(Notify("refuse"), CancellationToken.None);

        Assert.Equal((DeliveryStatus.RetryableFailure, $"*** answered 503 ({Greeting})"), (refused.Status, refused.Reason));
    }

    [Fact]
    public async Task AMarketplaceWideConnectorsSecretSettingsAreMaskedInWhatItThrowsAndInItsResults()
    {
        var (registry, _) = LoadLeaky();
        var connector = registry.Connectors.Single();

        var pull = await Assert.ThrowsAsync<ScrubbedPluginException>(() => connector.PullAsync(null, CancellationToken.None));
        var applied = await connector.ApplyAsync([new ActionRequest("k-1", new SkuKey("leaky", "a", "sku-1"), new SetPrice(1200m) { Reason = "test" })], CancellationToken.None);

        Assert.Equal($"InvalidOperationException: pull failed ({Greeting})", pull.Message);
        Assert.Null(pull.InnerException);
        Assert.Equal($"api key *** may not change prices ({Greeting})", Assert.Single(applied).Reason);
    }

    [Fact]
    public void APluginThatQuotesASecretWhileRegisteringFailsWithTheSecretMasked()
    {
        var (_, catalog) = LoadLeaky(("Marketpilot:Plugins:leaky:FailRegistration", "true"));

        var failed = catalog.Find("leaky")!;

        Assert.Equal(PluginStatus.Failed, failed.Status);
        Assert.Equal($"RegisterServices threw ArgumentException: the bot token *** was refused ({Greeting})", failed.Reason);
    }

    public void Dispose() => _plugins.Dispose();

    private (PluginRegistry Registry, PluginCatalog Catalog) LoadLeaky(params (string Key, string Value)[] more)
    {
        _plugins.With(PluginsFolder.Leaky);
        return TestHost.LoadPlugins(
            _plugins.Path,
            [
                ("Marketpilot:Plugins:leaky:BotToken", BotToken),
                ("Marketpilot:Plugins:leaky:ApiKey", ApiKey),
                ("Marketpilot:Plugins:leaky:Hook", Hook),
                ("Marketpilot:Plugins:leaky:Greeting", Greeting),
                .. more,
            ]);
    }

    private static Notification Notify(string message) => new($"n-{Guid.NewGuid():N}", new SkuKey("leaky", "a", "sku-1"), "manager", message);
}
