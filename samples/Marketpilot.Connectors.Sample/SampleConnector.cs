using System.Collections.Concurrent;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Sample;

/// <summary>The <c>sample</c> marketplace connector: pulls the shop's SKUs page by page and sets prices.</summary>
/// <remarks>
/// A cursor is the id of the last SKU of the previous page, so it stays valid across host restarts. Idempotency keys
/// are remembered in memory; a real connector sends them to the marketplace (most APIs take a request id) or keeps
/// them in storage, so a key replayed after a restart still changes nothing. Thread-safe.
/// </remarks>
public sealed partial class SampleConnector : IMarketplaceConnector
{
    /// <summary>The marketplace id this connector serves.</summary>
    public const string MarketplaceId = "sample";

    private readonly SampleOptions _options;
    private readonly SampleMarketplace _marketplace;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ActionResult> _applied = new(StringComparer.Ordinal);

    internal SampleConnector(SampleOptions options, SampleMarketplace marketplace, ILogger<SampleConnector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _marketplace = marketplace;
        _logger = logger;
    }

    /// <inheritdoc />
    public string Marketplace => MarketplaceId;

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities { get; } = new()
    {
        ActionKinds = [ActionKind.SetPrice],
        CanPullCatalog = true,
        MaxBatchSize = 20,
    };

    internal SampleMarketplace Api => _marketplace;

    /// <inheritdoc />
    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        var items = _marketplace.ListSkus(cursor, _options.PageSize + 1);
        var page = items.Take(_options.PageSize).ToList();
        var skus = page.Select(i => new SkuSnapshot
        {
            Marketplace = MarketplaceId,
            ShopId = _options.ShopId,
            Sku = i.Sku,
            Title = i.Sku,
            Price = i.Price,
        }).ToList();

        // At the end, hand back the same cursor: the next sync starts there and sees only SKUs added since.
        var next = page.Count > 0 ? page[^1].Sku : cursor;
        LogPulled(_logger, _options.ShopId, skus.Count, next);
        return Task.FromResult(new CatalogPage(skus, [], next, HasMore: items.Count > _options.PageSize));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        cancellationToken.ThrowIfCancellationRequested();

        var results = new List<ActionResult>(actions.Count);
        foreach (var request in actions)
        {
            results.Add(_applied.TryGetValue(request.IdempotencyKey, out var known) ? known : Apply(request));
        }

        return Task.FromResult<IReadOnlyList<ActionResult>>(results);
    }

    private ActionResult Apply(ActionRequest request)
    {
        // Map every refusal to a per-item result; throw only when the whole call failed (network, credentials).
        var result = request switch
        {
            { Sku.ShopId: var shop } when shop != _options.ShopId =>
                new ActionResult(request.IdempotencyKey, ActionResultStatus.Rejected, $"This connector serves shop '{_options.ShopId}', not '{shop}'."),
            { Action: SetPrice set } => _marketplace.SetPrice(request.Sku.Sku, set.Price) is { } error
                ? new ActionResult(request.IdempotencyKey, error.StartsWith("5", StringComparison.Ordinal) ? ActionResultStatus.RetryableFailure : ActionResultStatus.Rejected, error)
                : new ActionResult(request.IdempotencyKey, ActionResultStatus.Applied),
            _ => new ActionResult(request.IdempotencyKey, ActionResultStatus.Rejected, $"The sample marketplace does not support {request.Action.Kind}."),
        };

        // A retryable failure is not remembered: the host sends the key again later and it must be tried again.
        if (result.Status != ActionResultStatus.RetryableFailure)
        {
            result = _applied.GetOrAdd(request.IdempotencyKey, result);
        }

        LogApplied(_logger, request.Action.Kind, request.Sku.Sku, result.Status);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pulled {Count} SKUs of shop {ShopId}; next cursor {Cursor}")]
    private static partial void LogPulled(ILogger logger, string shopId, int count, string? cursor);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied {Action} to {Sku}: {Status}")]
    private static partial void LogApplied(ILogger logger, ActionKind action, string sku, ActionResultStatus status);
}
