using Marketpilot.Host.Hosting;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Host.Cli;

/// <summary>
/// Where a running host's API listens and the key to call it with, found the way the host finds them: so on the machine
/// that runs the host, a verb given the same configuration and <c>--data</c> reaches it with no further flags.
/// </summary>
/// <param name="BaseAddress">The API's base address.</param>
/// <param name="ApiKey">The key sent as <c>X-Api-Key</c>.</param>
public sealed record HostConnection(Uri BaseAddress, string ApiKey)
{
    /// <summary>The environment variable that overrides the address (below <c>--url</c>).</summary>
    public const string UrlVariable = "MARKETPILOT_URL";

    /// <summary>The environment variable that overrides the API key (below <c>--api-key</c>).</summary>
    public const string ApiKeyVariable = "MARKETPILOT_API_KEY";

    /// <summary>
    /// Resolves the address: <paramref name="url"/>, else <see cref="UrlVariable"/>, else the host's <c>urls</c> setting
    /// (appsettings.json, <c>URLS</c>, <c>ASPNETCORE_URLS</c>; the first one, with a wildcard host read as loopback), else
    /// <see cref="MarketpilotApplication.DefaultUrl"/>. Resolves the key: <paramref name="apiKey"/>, else
    /// <see cref="ApiKeyVariable"/>, else the first of <c>Marketpilot:Api:Keys</c>, else the key the host generated in
    /// the data folder (<paramref name="dataPath"/>, else <c>Marketpilot:DataPath</c>).
    /// </summary>
    /// <param name="url">The <c>--url</c> option.</param>
    /// <param name="apiKey">The <c>--api-key</c> option.</param>
    /// <param name="dataPath">The <c>--data</c> option.</param>
    /// <param name="configuration">The CLI's configuration (<see cref="CliServices.Configuration"/>).</param>
    /// <returns>
    /// The connection; or, with the exit code, why there is none: an address that cannot be read
    /// (<see cref="ExitCodes.BadInput"/>, naming where it came from), no key anywhere (<see cref="ExitCodes.HostUnreachable"/>).
    /// </returns>
    public static (HostConnection? Connection, int ExitCode, string? Error) Resolve(string? url, string? apiKey, string? dataPath, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var (address, source) = new (string? Value, string Source)[]
        {
            (url, "--url"),
            (Environment.GetEnvironmentVariable(UrlVariable), UrlVariable),
            (configuration[WebHostDefaults.ServerUrlsKey], "the urls setting"),
            (Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), "ASPNETCORE_URLS"),
        }.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a.Value));
        address ??= MarketpilotApplication.DefaultUrl;
        if (!TryReadAddress(address, out var baseAddress))
        {
            return (null, ExitCodes.BadInput, $"{source} '{address}' is not an address like {MarketpilotApplication.DefaultUrl}");
        }

        var configured = configuration.GetSection("Marketpilot:Api:Keys").GetChildren().Select(k => k.Value).FirstOrDefault(k => !string.IsNullOrWhiteSpace(k));
        var key = FirstOf(apiKey, Environment.GetEnvironmentVariable(ApiKeyVariable), configured);
        if (key is not null)
        {
            return (new HostConnection(baseAddress, key.Trim()), ExitCodes.Success, null);
        }

        var data = Path.GetFullPath(FirstOf(dataPath, configuration["Marketpilot:DataPath"]) ?? "data");
        var keyFile = Path.Combine(data, "api-key");
        if (File.Exists(keyFile) && File.ReadAllText(keyFile).Trim() is { Length: > 0 } stored)
        {
            return (new HostConnection(baseAddress, stored), ExitCodes.Success, null);
        }

        return (null, ExitCodes.HostUnreachable, $"no API key: none given with --api-key or {ApiKeyVariable}, none in Marketpilot:Api:Keys, and {keyFile} does not exist " +
            "(the host writes it at first start; pass the --data folder the host runs with)");
    }

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static bool TryReadAddress(string urls, out Uri address)
    {
        address = null!;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return false;
        }

        try
        {
            var binding = BindingAddress.Parse(first);
            // The host listens on every interface: this machine reaches it on loopback.
            var host = binding.Host switch
            {
                "*" or "+" or "0.0.0.0" => "127.0.0.1",
                "[::]" or "::" => "[::1]",
                var named => named,
            };
            return Uri.TryCreate($"{binding.Scheme}://{host}:{binding.Port}{binding.PathBase}", UriKind.Absolute, out address!);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
