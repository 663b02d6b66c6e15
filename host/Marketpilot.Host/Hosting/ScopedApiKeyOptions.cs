namespace Marketpilot.Host.Hosting;

/// <summary>One API key scoped to shops, bound from <c>Marketpilot:Api:ScopedKeys:&lt;n&gt;</c>.</summary>
public sealed class ScopedApiKeyOptions
{
    /// <summary>The key, sent in the <c>X-Api-Key</c> header. Required, and different from every other key.</summary>
    public string? Key { get; set; }

    /// <summary>The shops the key may see and change, each as <c>&lt;marketplace&gt;/&lt;shopId&gt;</c>, for example <c>ozon/123456</c>. At least one.</summary>
    public List<string> Shops { get; set; } = [];

    /// <summary>Whether the key may only read: every route that changes something answers 403 to it.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool ReadOnly { get; set; }
}
