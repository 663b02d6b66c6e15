using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Hosting;

/// <summary>
/// Validates <see cref="ApiOptions"/> when the host starts. Every message names the configuration path of the bad
/// entry (<c>Marketpilot:Api:ScopedKeys:0:Shops:1</c>) and never a key's value.
/// </summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options.Keys[i]))
            {
                CheckDistinct(options.Keys[i], $"{ApiOptions.SectionName}:Keys:{i}", seen, failures);
            }
        }

        for (var n = 0; n < options.ScopedKeys.Count; n++)
        {
            CheckScopedKey(options.ScopedKeys[n], $"{ApiOptions.SectionName}:ScopedKeys:{n}", seen, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckScopedKey(ScopedApiKeyOptions? scoped, string path, Dictionary<string, string> seen, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(scoped?.Key))
        {
            failures.Add($"{path}:Key is missing; a scoped key needs its key value");
        }
        else
        {
            CheckDistinct(scoped.Key, $"{path}:Key", seen, failures);
        }

        var shops = scoped?.Shops ?? [];
        if (shops.Count == 0)
        {
            failures.Add($"{path}:Shops lists no shop; a scoped key needs at least one '<marketplace>/<shopId>' (an admin key goes in {ApiOptions.SectionName}:Keys)");
        }

        for (var m = 0; m < shops.Count; m++)
        {
            if (!ShopRef.TryParse(shops[m], out _))
            {
                failures.Add($"{path}:Shops:{m} is '{shops[m]}'; a shop is written '<marketplace>/<shopId>', for example 'ozon/123456'");
            }
        }
    }

    // A key given twice would be ambiguous about what it grants; only the paths are reported, never the value.
    private static void CheckDistinct(string key, string path, Dictionary<string, string> seen, List<string> failures)
    {
        if (!seen.TryAdd(key.Trim(), path))
        {
            failures.Add($"{path} repeats the key of {seen[key.Trim()]}; every API key must be different");
        }
    }
}
