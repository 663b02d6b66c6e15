using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Hosting;

/// <summary>Holds the API keys the host accepts, with what each grants, and finds a presented key in constant time.</summary>
public sealed partial class ApiKeyStore
{
    private readonly (byte[] Hash, ApiKeyGrant Grant)[] _keys;

    /// <summary>
    /// Creates the store from configuration (<see cref="ApiOptionsValidator"/> has checked it). When no admin key is
    /// configured, the data folder's generated key is the admin key.
    /// </summary>
    public ApiKeyStore(IOptions<ApiOptions> api, IOptions<MarketpilotOptions> host, ILogger<ApiKeyStore> logger)
    {
        var options = api.Value;
        var keys = new List<(string Key, ApiKeyGrant Grant)>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options.Keys[i]))
            {
                keys.Add((options.Keys[i], ApiKeyGrant.Admin($"{ApiOptions.SectionName}:Keys:{i}")));
            }
        }

        if (keys.Count == 0)
        {
            var path = Path.Combine(host.Value.DataFullPath, "api-key");
            keys.Add((LoadOrGenerate(path, logger), ApiKeyGrant.Admin(path)));
        }
        else
        {
            LogConfiguredKeys(logger, keys.Count);
        }

        for (var n = 0; n < options.ScopedKeys.Count; n++)
        {
            var scoped = options.ScopedKeys[n];
            var grant = ApiKeyGrant.Scoped($"{ApiOptions.SectionName}:ScopedKeys:{n}", scoped.Shops.Select(ShopRef.Parse), scoped.ReadOnly);
            keys.Add((scoped.Key ?? "", grant));
            LogScopedKey(logger, grant.Name, string.Join(", ", grant.Shops), grant.ReadOnly);
        }

        _keys = [.. keys.Select(k => (Hash(k.Key.Trim()), k.Grant))];
    }

    /// <summary>Finds what <paramref name="presented"/> grants.</summary>
    /// <param name="presented">The key a request sent, if any.</param>
    /// <returns>The grant of the matching key, or <see langword="null"/> when no key matches.</returns>
    /// <remarks>
    /// Compares fixed-length hashes against every key without stopping at a match, so the time taken tells neither
    /// which key matched nor how long the keys are.
    /// </remarks>
    public ApiKeyGrant? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        return FindByHash(Hash(presented));
    }

    /// <summary>What a console session keeps of a key: its SHA-256, in hex, inside the protected cookie.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The fingerprint.</returns>
    public static string Fingerprint(string key) => Convert.ToHexStringLower(Hash(key));

    /// <summary>Finds the grant of the key with <paramref name="fingerprint"/> (<see cref="Fingerprint"/>), in constant time.</summary>
    /// <param name="fingerprint">A fingerprint from a console session.</param>
    /// <returns>The grant, or <see langword="null"/> when no accepted key has it.</returns>
    public ApiKeyGrant? FindByFingerprint(string fingerprint)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        return fingerprint.Length == hash.Length * 2 && Convert.FromHexString(fingerprint, hash, out _, out _) == System.Buffers.OperationStatus.Done
            ? FindByHash(hash)
            : null;
    }

    private ApiKeyGrant? FindByHash(byte[] hash)
    {
        ApiKeyGrant? found = null;
        foreach (var (key, grant) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key))
            {
                found = grant;
            }
        }

        return found;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

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

        // Where it is, never the key itself: console output ends up in journals and container logs.
        LogGeneratedKey(logger, path);
        return key;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated an API key for this data folder in {Path}; send it as header X-Api-Key")]
    private static partial void LogGeneratedKey(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key read from {Path}")]
    private static partial void LogStoredKey(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} admin API key(s) configured in Marketpilot:Api:Keys")]
    private static partial void LogConfiguredKeys(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scoped API key {KeyName} configured for shops {Shops} (read-only: {ReadOnly})")]
    private static partial void LogScopedKey(ILogger logger, string keyName, string shops, bool readOnly);
}
