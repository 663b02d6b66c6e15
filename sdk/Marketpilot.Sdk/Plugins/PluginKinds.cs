namespace Marketpilot.Sdk.Plugins;

/// <summary>The kinds of service a plugin declares in the <c>kinds</c> array of its <c>plugin.json</c>.</summary>
public static class PluginKinds
{
    /// <summary>The plugin registers one or more <see cref="Connectors.IMarketplaceConnector"/>s.</summary>
    public const string Connector = "connector";

    /// <summary>The plugin registers one or more <see cref="Connectors.INotificationChannel"/>s.</summary>
    public const string Channel = "channel";

    /// <summary>Every kind the host knows, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Connector, Channel];

    /// <summary>Tells whether <paramref name="kind"/> is one of <see cref="All"/> (ordinal, case-sensitive).</summary>
    /// <param name="kind">The kind to check; <see langword="null"/> is not known.</param>
    /// <returns><see langword="true"/> when the host knows the kind.</returns>
    public static bool IsKnown(string? kind) => kind is Connector or Channel;
}
