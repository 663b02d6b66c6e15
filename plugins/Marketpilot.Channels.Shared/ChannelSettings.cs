using System.Globalization;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Channels.Shared;

/// <summary>
/// Reads a channel plugin's section by hand (the configuration binder would be one more assembly to ship) and checks
/// it; every error names the full key (<c>Marketpilot:Plugins:&lt;id&gt;:&lt;key&gt;</c>) and never echoes a secret.
/// </summary>
/// <param name="configuration">The plugin's section; <see langword="null"/> to check options built in code.</param>
/// <param name="sectionPath">Its full path, for messages.</param>
internal sealed class ChannelSettings(IConfiguration? configuration, string sectionPath)
{
    private IConfiguration Section => configuration ?? throw new InvalidOperationException("these settings only check options built in code");

    /// <summary>Whether the section has any setting; the host's own keys alone leave the channel off.</summary>
    public static bool IsConfigured(IConfiguration section) =>
        section.GetChildren().Any(c => c.Key != PluginHostKeys.Section && (c.Value is not null || c.GetChildren().Any()));

    public string? Text(string key) => Section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public int Int(string key, int fallback)
    {
        var text = Section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(key, $"has the value '{text}', which is not a whole number");
    }

    public bool Bool(string key, bool fallback)
    {
        var text = Section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text.Trim(), out var value) ? value : throw Error(key, $"has the value '{text}', which is neither true nor false");
    }

    /// <summary>Each child of <paramref name="key"/> as a role, holding an indexed list (<c>Role:0</c>) or one comma-separated value.</summary>
    public Dictionary<string, IReadOnlyList<string>> Roles(string key) =>
        Section.GetSection(key).GetChildren().ToDictionary(role => role.Key, role => (IReadOnlyList<string>)List(role), StringComparer.OrdinalIgnoreCase);

    /// <summary>Each child of <paramref name="key"/> as a name and its value.</summary>
    public Dictionary<string, string> Pairs(string key) =>
        Section.GetSection(key).GetChildren().Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!, StringComparer.OrdinalIgnoreCase);

    public ArgumentException Error(string key, string rule) => new($"{sectionPath}:{key} {rule}.", key);

    public void Check(bool condition, string key, string rule)
    {
        if (!condition)
        {
            throw Error(key, rule);
        }
    }

    private static List<string> List(IConfigurationSection section) =>
        new[] { section.Value }
            .Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
