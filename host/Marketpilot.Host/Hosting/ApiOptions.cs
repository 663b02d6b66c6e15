namespace Marketpilot.Host.Hosting;

/// <summary>Settings of the HTTP API, bound to <c>Marketpilot:Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Api";

    /// <summary>The header that carries the API key.</summary>
    public const string KeyHeader = "X-Api-Key";

    /// <summary>
    /// The keys that may call <c>/api</c> routes. When empty, the host generates one at first start,
    /// stores it in the data folder (file <c>api-key</c>) and prints it once in the startup log.
    /// </summary>
    /// <value>The default is empty.</value>
    public List<string> Keys { get; set; } = [];
}
