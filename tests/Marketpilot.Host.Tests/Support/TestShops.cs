using System.Security.Cryptography;
using System.Text;

namespace Marketpilot.Host.Tests.Support;

/// <summary>Command-line configuration of shops served by the <c>test-shops</c> plugin (marketplace <c>testshop</c>).</summary>
public static class TestShops
{
    public const string Marketplace = "testshop";

    public const string PluginId = "test-shops";

    /// <summary>The folder holding only the test-shops plugin, published next to the tests.</summary>
    public static string PluginsFolder => Path.Combine(AppContext.BaseDirectory, "test-plugins");

    /// <summary>The state folder the host gives a shop of the test plugin.</summary>
    public static string StateFolder(string dataPath, string shopId) => Path.Combine(dataPath, PluginId, $"{Marketplace}-{shopId}");

    /// <summary>The fingerprint the test connector writes for an API key.</summary>
    public static string Fingerprint(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>Arguments configuring shop <paramref name="index"/>; <paramref name="apiKey"/> <see langword="null"/> leaves its credential out.</summary>
    public static IEnumerable<string> Shop(int index, string shopId, string? apiKey, params (string Key, string Value)[] more)
    {
        var prefix = $"--Marketpilot:Shops:{index}:";
        yield return $"{prefix}Marketplace={Marketplace}";
        yield return $"{prefix}ShopId={shopId}";
        yield return $"{prefix}Currency=KZT";
        if (apiKey is not null)
        {
            yield return $"{prefix}Credentials:ApiKey={apiKey}";
        }

        foreach (var (key, value) in more)
        {
            yield return $"{prefix}{key}={value}";
        }
    }

    /// <summary>The arguments that make the host load only the test plugin.</summary>
    public static string[] Host(params IEnumerable<string>[] shops) =>
        ["--plugins", PluginsFolder, "--Marketpilot:Sync:PollIntervalMilliseconds=200", .. shops.SelectMany(s => s)];
}
