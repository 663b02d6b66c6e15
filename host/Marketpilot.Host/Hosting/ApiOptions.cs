namespace Marketpilot.Host.Hosting;

/// <summary>Settings of the HTTP API, bound to <c>Marketpilot:Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Api";

    /// <summary>The header that carries the API key.</summary>
    public const string KeyHeader = "X-Api-Key";

    /// <summary>
    /// The admin keys: they may call every <c>/api</c> route for every shop. When empty, the host generates one at first
    /// start, stores it in the data folder (file <c>api-key</c>) and prints it once in the startup log.
    /// </summary>
    /// <value>The default is empty.</value>
    public List<string> Keys { get; set; } = [];

    /// <summary>
    /// Keys scoped to some shops (<c>Marketpilot:Api:ScopedKeys:&lt;n&gt;:Key</c>, <c>:Shops:&lt;m&gt;</c>,
    /// <c>:ReadOnly</c>): they see and change only those shops, and call no route that is not per shop.
    /// </summary>
    /// <value>The default is empty.</value>
    public List<ScopedApiKeyOptions> ScopedKeys { get; set; } = [];
}
