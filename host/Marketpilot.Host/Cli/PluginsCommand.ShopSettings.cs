using System.Text.Json;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Host.Cli;

/// <summary>Reading <c>plugins verify --shop-settings</c>: the test shop the online connector checks run against.</summary>
public static partial class PluginsCommand
{
    /// <summary>
    /// Reads a shop settings file: a JSON object with <c>Settings</c> and <c>Credentials</c> objects (as under
    /// <c>Marketpilot:Shops:&lt;n&gt;</c>) and optional <c>ShopId</c> (default <c>conformance</c>), <c>Currency</c>
    /// (default <c>XXX</c>) and <c>TimeZone</c>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="problem">What is wrong with the file, naming it and the place, never a value; <see langword="null"/> when it was read.</param>
    /// <returns>
    /// The shop, with an empty marketplace and state folder that verify fills in; <see langword="null"/> when
    /// the file cannot be used.
    /// </returns>
    internal static ShopConnection? ReadShopSettings(string path, out string? problem)
    {
        var full = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{full}: cannot be read ({ex.GetType().Name})";
            return null;
        }

        // The document is checked before the configuration reads it: the configuration's JSON errors quote the text, which may hold a credential.
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            problem = document.RootElement.ValueKind != JsonValueKind.Object ? $"{full}: the root must be a JSON object with Settings and Credentials"
                : new[] { "Settings", "Credentials" }.FirstOrDefault(name => !document.RootElement.TryGetProperty(name, out var section) || section.ValueKind != JsonValueKind.Object) is { } missing
                    ? $"{full}: '{missing}' must be a JSON object of the shop's {missing.ToLowerInvariant()} (as under Marketpilot:Shops:<n>:{missing})"
                : null;
        }
        catch (JsonException ex)
        {
            problem = $"{full}: not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}";
        }

        if (problem is not null)
        {
            return null;
        }

        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(bytes)).Build();
        return new ShopConnection
        {
            Marketplace = "",
            ShopId = configuration["ShopId"] is { Length: > 0 } shopId ? shopId : "conformance",
            Currency = configuration["Currency"] ?? "", // filled per factory with its marketplace's currency when empty
            TimeZone = configuration["TimeZone"] is { Length: > 0 } zone ? zone : "UTC",
            Settings = configuration.GetSection("Settings"),
            Credentials = configuration.GetSection("Credentials"),
            StateDirectory = "",
        };
    }
}
