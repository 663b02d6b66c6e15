namespace Marketpilot.Sdk.Plugins;

/// <summary>One configuration key a plugin reads from its section <c>Marketpilot:Plugins:&lt;plugin id&gt;</c>, as its manifest declares it.</summary>
/// <remarks>
/// Declaring keys lets the host and <c>marketpilot plugins list</c> tell an operator what is missing before the
/// plugin runs. The host never prints or logs the value of a <see cref="Secret"/> key, only whether it is set.
/// </remarks>
public sealed record PluginConfigurationKey
{
    /// <summary>
    /// The key inside the plugin's section, for example <c>ApiKey</c> or <c>Retry:MaxAttempts</c>: letters, digits,
    /// '_', '-', '.' and ':' (nesting), 1 to 128 characters, not starting or ending with ':'. Case-insensitive, like
    /// all configuration keys.
    /// </summary>
    public string Key { get; init; } = "";

    /// <summary>What the key is for and its unit or format, for operators.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the plugin cannot work without a value; the host refuses to load it when the key is missing.</summary>
    public bool Required { get; init; }

    /// <summary>
    /// Whether the value is a secret (API key, token, password); its value is never shown or logged. The host masks it,
    /// and the value of any key under it, as <c>***</c> in what the plugin throws or reports as a reason. Keys whose
    /// name contains <c>key</c>, <c>token</c>, <c>secret</c>, <c>password</c> or <c>credential</c> are treated as
    /// secrets without this flag.
    /// </summary>
    public bool Secret { get; init; }
}
