using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.TestPlugins.Leaky;

/// <summary>A marketplace-wide connector for <c>leaky</c> that quotes its API key: pull throws with it, apply refuses with it.</summary>
public sealed class LeakyConnector(LeakySettings settings) : IMarketplaceConnector
{
    /// <inheritdoc />
    public string Marketplace => "leaky";

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities { get; } = new() { ActionKinds = [ActionKind.SetPrice], CanPullCatalog = true };

    /// <inheritdoc />
    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"pull failed ({settings.Greeting})", new HttpRequestException($"GET https://api.leaky.example/v1/items?api_key={settings.ApiKey} answered 401"));

    /// <inheritdoc />
    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ActionResult>>([.. actions.Select(a => new ActionResult(a.IdempotencyKey, ActionResultStatus.Rejected, $"api key {settings.ApiKey} may not change prices ({settings.Greeting})"))]);
}
