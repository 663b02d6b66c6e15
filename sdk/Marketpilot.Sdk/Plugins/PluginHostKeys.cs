namespace Marketpilot.Sdk.Plugins;

/// <summary>Configuration keys the host itself sets in every plugin's section (<c>Marketpilot:Plugins:&lt;plugin id&gt;</c>).</summary>
public static class PluginHostKeys
{
    /// <summary>
    /// The full path of the plugin's own state folder, <c>&lt;data folder&gt;/&lt;plugin id&gt;</c>; the host creates it
    /// before <see cref="IPluginServiceRegistrator.RegisterServices"/> runs. A plugin keeps whatever must survive a
    /// restart there (for a connector: the idempotency keys it applied) and nowhere else.
    /// </summary>
    public const string StateDirectory = "Host:StateDirectory";
}
