using System.Collections.Concurrent;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>Applies every action for the simulator marketplace and remembers what it was asked to do.</summary>
internal sealed class FakeConnector : IMarketplaceConnector
{
    public ConcurrentBag<ActionRequest> Applied { get; } = [];

    public string Marketplace => Marketplaces.Simulator;

    public ConnectorCapabilities Capabilities { get; } = new()
    {
        ActionKinds = [.. Enum.GetValues<Sdk.Actions.ActionKind>().Where(k => k != Sdk.Actions.ActionKind.Notify)],
        CanPullCatalog = true,
    };

    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) =>
        Task.FromResult(new CatalogPage([], [], null, false));

    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            Applied.Add(action);
        }

        return Task.FromResult<IReadOnlyList<ActionResult>>([.. actions.Select(a => new ActionResult(a.IdempotencyKey, ActionResultStatus.Applied))]);
    }
}
