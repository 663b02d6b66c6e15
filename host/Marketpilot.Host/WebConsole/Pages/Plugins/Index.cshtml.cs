using Marketpilot.Plugins;

namespace Marketpilot.Host.WebConsole.Pages.Plugins;

/// <summary>The plugins: loaded, failed or faulted, with the reason, what each provides and when it loaded.</summary>
public sealed class IndexModel(PluginCatalog catalog) : ConsolePage
{
    /// <summary>The plugins.</summary>
    public IReadOnlyList<PluginInfo> Plugins { get; private set; } = [];

    /// <inheritdoc />
    protected override bool AdminOnly => true;

    /// <summary>Reads the catalog.</summary>
    public void OnGet() => Plugins = catalog.Plugins;
}
