using Marketpilot.Connectors.Kaspi.Feed;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Kaspi;

public sealed partial class KaspiConnector
{
    /// <summary>Kaspi's longest offer code (<c>sku</c>).</summary>
    internal const int MaxSkuLength = 64;

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// Kaspi has no price API: a <see cref="SetPrice"/> is recorded (flushed to the state folder with its key) and goes
    /// into every price list built from then on. It is answered <see cref="ActionResultStatus.RetryableFailure"/>
    /// ("waiting for Kaspi to fetch the price list") until <see cref="FeedDeliveredAsync"/> reports a list that carried
    /// it, then <see cref="ActionResultStatus.Applied"/>. A recorded price that a later one replaced, or that the
    /// seller's own catalog overrode, before Kaspi fetched it is answered <see cref="ActionResultStatus.Rejected"/>:
    /// Kaspi never showed it.
    /// </para>
    /// <para>
    /// Refused before recording, as Kaspi would never show them: a price of 0 or less, a SKU of another shop, a SKU longer
    /// than 64 characters, and a SKU that neither a price list the connector built nor Kaspi's orders ever named. A price
    /// with tiyn is rounded up to whole tenge. Every other kind is rejected with <see cref="KaspiCapabilities.UnsupportedReasons"/>.
    /// </para>
    /// </remarks>
    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new List<ActionResult>(actions.Count);
        lock (_gate)
        {
            foreach (var request in actions)
            {
                results.Add(Apply(request));
            }
        }

        return Task.FromResult<IReadOnlyList<ActionResult>>(results);
    }

    /// <summary>The price the next feed carries for <paramref name="sku"/> from a recorded action, and its state; for tests.</summary>
    internal string DescribeRecordedPrice(string sku)
    {
        lock (_gate)
        {
            return _prices.Overlay(sku) is { } price ? $"{price.Price} {price.State} ({price.Key})" : "none";
        }
    }

    private ActionResult Apply(ActionRequest request)
    {
        if (_prices.Find(request.IdempotencyKey) is { } recorded)
        {
            return Answer(recorded);
        }

        if (request.Action is not SetPrice setPrice)
        {
            return Rejected(request, KaspiCapabilities.UnsupportedReasons.GetValueOrDefault(request.Action.Kind, $"Kaspi.kz cannot apply {request.Action.Kind}."));
        }

        if (Refusal(request.Sku, setPrice.Price) is { } reason)
        {
            return Rejected(request, reason);
        }

        var price = _prices.Record(request.IdempotencyKey, request.Sku.Sku, WholeTenge.RoundUp(setPrice.Price), _timeProvider.GetUtcNow());
        LogRecorded(_settings.ToString(), request.IdempotencyKey, request.Sku.Sku, price.Price);
        return Answer(price);
    }

    private string? Refusal(SkuKey sku, decimal price)
    {
        if (sku.Marketplace != Marketplaces.Kaspi || sku.ShopId != _settings.ShopId)
        {
            return $"{sku} is not a SKU of the Kaspi shop {_settings.ShopId}.";
        }

        if (string.IsNullOrEmpty(sku.Sku) || sku.Sku.Length > MaxSkuLength)
        {
            return $"Kaspi offer codes are 1 to {MaxSkuLength} characters; '{sku.Sku}' cannot be in the price list.";
        }

        if (price <= 0)
        {
            return $"Kaspi needs a price of at least 1 tenge; {price} would take the offer off sale.";
        }

        return _known.Contains(sku.Sku)
            ? null
            : $"{sku.Sku} is in no price list built for Kaspi and in no Kaspi order, so Kaspi does not list it and a price for it would never show; the host's catalog must carry the SKU before its price can be set.";
    }

    private static ActionResult Answer(RecordedPrice price) => price.State switch
    {
        RecordedPriceState.Delivered => new ActionResult(price.Key, ActionResultStatus.Applied),
        RecordedPriceState.Pending => new ActionResult(price.Key, ActionResultStatus.RetryableFailure,
            $"Waiting for Kaspi to fetch the price list that carries {WholeTenge.Format(price.Price)} KZT for {price.Sku}."),
        RecordedPriceState.Superseded => new ActionResult(price.Key, ActionResultStatus.Rejected,
            $"A later price for {price.Sku} (action {price.ReplacedBy}) reached Kaspi first; Kaspi never showed {WholeTenge.Format(price.Price)} KZT."),
        _ => new ActionResult(price.Key, ActionResultStatus.Rejected,
            $"The seller's catalog set {price.Sku} to {price.ReplacedBy} KZT before Kaspi fetched {WholeTenge.Format(price.Price)} KZT; Kaspi never showed it."),
    };

    private static ActionResult Rejected(ActionRequest request, string reason) => new(request.IdempotencyKey, ActionResultStatus.Rejected, reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded the price of {Shop} {Sku} for the next price list: {Price} KZT (action {ActionId})")]
    private partial void LogRecorded(string shop, string actionId, string sku, decimal price);
}
