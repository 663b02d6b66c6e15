using System.Text.Json;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;
using Newtonsoft.Json;

namespace Marketpilot.TestPlugins.Json;

/// <summary>
/// Applies every action by serializing it with the plugin's own Newtonsoft.Json, and says which version did it. Its cursor
/// is written with System.Text.Json, the framework's serializer: both fill framework caches that must not keep the plugin loaded.
/// </summary>
public sealed class JsonProbeConnector : IMarketplaceConnector
{
    private static readonly JsonSerializerOptions CursorJson = new(JsonSerializerDefaults.Web);
    private readonly string _version;

    /// <summary>Creates the connector; touches Newtonsoft.Json at once, so a plugin without it fails to load.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    public JsonProbeConnector(string marketplace)
    {
        Marketplace = marketplace;
        _version = typeof(JsonConvert).Assembly.GetName().Version!.ToString();
    }

    /// <inheritdoc />
    public string Marketplace { get; }

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities { get; } = new() { ActionKinds = [ActionKind.SetPrice], CanPullCatalog = true };

    /// <inheritdoc />
    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) =>
        Task.FromResult(new CatalogPage([], [], System.Text.Json.JsonSerializer.Serialize(new { version = _version }, CursorJson), false));

    /// <inheritdoc />
    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ActionResult>>([.. actions.Select(a => new ActionResult(
            a.IdempotencyKey,
            ActionResultStatus.Applied,
            $"Newtonsoft.Json {_version}: {JsonConvert.SerializeObject(new { key = a.IdempotencyKey })}"))]);
}
