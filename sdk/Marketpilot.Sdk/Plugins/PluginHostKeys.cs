namespace Marketpilot.Sdk.Plugins;

/// <summary>Configuration keys the host itself sets in every plugin's section (<c>Marketpilot:Plugins:&lt;plugin id&gt;</c>).</summary>
public static class PluginHostKeys
{
    /// <summary>
    /// The sub-section that holds every key the host sets (<c>MarketpilotHost</c>, a name no plugin setting shares). It is present in every plugin's section, so a
    /// plugin that treats "any setting" as "configured" must leave it out.
    /// </summary>
    public const string Section = "MarketpilotHost";

    /// <summary>
    /// The full path of the plugin's own state folder, <c>&lt;data folder&gt;/&lt;plugin id&gt;</c>; the host creates it
    /// before <see cref="IPluginServiceRegistrator.RegisterServices"/> runs. A plugin keeps whatever must survive a
    /// restart there (for a connector: the idempotency keys it applied) and nowhere else.
    /// </summary>
    public const string StateDirectory = "MarketpilotHost:StateDirectory";
}
