using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Hosting;

/// <summary>Holds the API keys the host accepts and checks presented keys in constant time.</summary>
public sealed partial class ApiKeyStore
{
    /// <summary>The log property that carries a generated key; sinks that persist logs drop events that have it.</summary>
    public const string SecretProperty = "ApiKey";

    private readonly byte[][] _keys;

    /// <summary>Creates the store from configuration, or from the data folder's generated key when none is configured.</summary>
    public ApiKeyStore(IOptions<ApiOptions> api, IOptions<MarketpilotOptions> host, ILogger<ApiKeyStore> logger)
    {
        var keys = api.Value.Keys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (keys.Count == 0)
        {
            keys.Add(LoadOrGenerate(Path.Combine(host.Value.DataFullPath, "api-key"), logger));
        }
        else
        {
            LogConfiguredKeys(logger, keys.Count);
        }

        _keys = [.. keys.Select(k => Encoding.UTF8.GetBytes(k.Trim()))];
    }

    /// <summary>Tells whether <paramref name="presented"/> is one of the accepted keys.</summary>
    public bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        var valid = false;
        foreach (var key in _keys)
        {
            valid |= CryptographicOperations.FixedTimeEquals(bytes, key);
        }

        return valid;
    }

    private static string LoadOrGenerate(string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                LogStoredKey(logger, path);
                return existing;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Printed once, at first start, so a new user can call the API; afterwards only the file path is logged.
        LogGeneratedKey(logger, key, path);
        return key;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated an API key for this data folder: {ApiKey} (stored in {Path}; send it as header X-Api-Key). It is not shown again.")]
    private static partial void LogGeneratedKey(ILogger logger, string apiKey, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key read from {Path}")]
    private static partial void LogStoredKey(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} API key(s) configured in Marketpilot:Api:Keys")]
    private static partial void LogConfiguredKeys(ILogger logger, int count);
}
