namespace Marketpilot.TestPlugins.Leaky;

/// <summary>The plugin's settings, as it read them from its section.</summary>
/// <param name="BotToken">A secret by its name.</param>
/// <param name="ApiKey">A secret by its name.</param>
/// <param name="Hook">A secret because the manifest declares it one.</param>
/// <param name="Greeting">Not a secret.</param>
public sealed record LeakySettings(string BotToken, string ApiKey, string Hook, string Greeting);
