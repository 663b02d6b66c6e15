using Marketpilot.Actions.Connectors;
using Marketpilot.Plugins;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Actions.Dispatch;

/// <summary>
/// Sends Notify actions to every notification channel (each channel once: one that delivered is skipped on a retry) and
/// every other action, batched per shop, to the connector of the SKU's shop (<see cref="ConnectorDirectory.Find"/>). Each connector batch and each notification gets
/// <see cref="ActionDispatchOptions.TimeoutMilliseconds"/>.
/// </summary>
/// <remarks>
/// Connectors and channels are looked up in <see cref="ConnectorDirectory"/> on every dispatch, so a plugin reloaded
/// while the host runs is used at once. A
/// connector gets only the action kinds its <see cref="ConnectorCapabilities"/> list (others are rejected without a
/// call) in batches of at most <see cref="ConnectorCapabilities.MaxBatchSize"/>.
/// </remarks>
/// <param name="directory">Finds and calls the connectors and channels.</param>
/// <param name="logger">The logger.</param>
public sealed partial class ActionDispatcher(ConnectorDirectory directory, ILogger<ActionDispatcher> logger) : IActionDispatcher
{

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DispatchOutcome>> DispatchAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var outcomes = new Dictionary<string, DispatchOutcome>(StringComparer.Ordinal);

        foreach (var record in records)
        {
            if (record.Action is Notify notify)
            {
                outcomes[record.ActionId] = await NotifyAsync(record, notify, cancellationToken);
            }
        }

        var requests = records.Where(r => r.Action is not Notify).Select(r => new ActionRequest(r.ActionId, r.Sku, r.Action, r.RuleId));
        foreach (var batch in requests.GroupBy(r => (Marketplace: r.Sku.Marketplace.ToLowerInvariant(), r.Sku.ShopId)))
        {
            foreach (var outcome in await ApplyAsync(batch.Key.Marketplace, batch.Key.ShopId, [.. batch], cancellationToken))
            {
                outcomes[outcome.ActionId] = outcome;
            }
        }

        return [.. records.Select(r => outcomes[r.ActionId])];
    }

    private async Task<DispatchOutcome> NotifyAsync(ActionRecord record, Notify notify, CancellationToken cancellationToken)
    {
        var channels = directory.Channels;
        if (channels.Count == 0)
        {
            return new DispatchOutcome(record.ActionId, ActionResultStatus.Rejected, "no notification channel is configured");
        }

        // A channel that already delivered (or refused for good) on an earlier attempt is not sent the message again.
        var deliveries = (record.Deliveries ?? []).Where(d => d.Settled).ToDictionary(d => d.Channel, StringComparer.Ordinal);
        var notification = new Notification(record.ActionId, record.Sku, notify.Recipient, notify.Message, record.RuleId);
        foreach (var channel in channels)
        {
            if (deliveries.ContainsKey(channel.Name))
            {
                continue;
            }

            try
            {
                var result = await directory.CallAsync(channel, token => channel.SendAsync(notification, token), cancellationToken);
                deliveries[channel.Name] = new ChannelDelivery(channel.Name, result.Status, result.Reason);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = ex is TimeoutException ? $"timed out after {directory.CallTimeout.TotalMilliseconds} ms" : ex.Message;
                LogChannelFailed(ex, ConnectorDirectory.NameOf(channel), channel.Name, record.Sku.ToString(), record.ActionId, reason);
                deliveries[channel.Name] = new ChannelDelivery(channel.Name, DeliveryStatus.RetryableFailure, reason);
            }
        }

        var all = deliveries.Values.OrderBy(d => d.Channel, StringComparer.Ordinal).ToList();
        string Describe(IEnumerable<ChannelDelivery> some) => string.Join("; ", some.Select(d => $"{d.Channel}: {d.Reason ?? d.Status.ToString()}"));
        var delivered = all.Where(d => d.Status == DeliveryStatus.Delivered).Select(d => d.Channel).ToList();
        var pending = all.Where(d => !d.Settled).ToList();
        return pending.Count > 0 ? new DispatchOutcome(record.ActionId, ActionResultStatus.RetryableFailure, Describe(pending), Deliveries: all)
            : delivered.Count > 0 ? new DispatchOutcome(record.ActionId, ActionResultStatus.Applied, $"notified via {string.Join(", ", delivered)}", Deliveries: all)
            : new DispatchOutcome(record.ActionId, ActionResultStatus.Rejected, Describe(all), Deliveries: all);
    }

    private async Task<IReadOnlyList<DispatchOutcome>> ApplyAsync(string marketplace, string shopId, IReadOnlyList<ActionRequest> batch, CancellationToken cancellationToken)
    {
        var connector = directory.Find(marketplace, shopId);
        if (connector is null)
        {
            // A configured shop whose connector failed keeps its actions pending: the seller fixes its configuration and they go out.
            return directory.FindShop(marketplace, shopId) is { } shop
                ? All(batch, ActionResultStatus.RetryableFailure, $"shop {shop.Definition.Key} has no connector: {shop.FailureReason}")
                : All(batch, ActionResultStatus.Rejected, $"no connector for marketplace '{marketplace}' is loaded");
        }

        var capabilities = connector.Capabilities;
        var name = ConnectorDirectory.NameOf(connector);
        var results = new List<DispatchOutcome>(batch.Count);
        var supported = new List<ActionRequest>(batch.Count);
        foreach (var request in batch)
        {
            if (capabilities.Supports(request.Action.Kind))
            {
                supported.Add(request);
            }
            else
            {
                results.Add(new DispatchOutcome(request.IdempotencyKey, ActionResultStatus.Rejected, Unsupported(capabilities, name, request.Action.Kind)));
            }
        }

        foreach (var chunk in supported.Chunk(Math.Clamp(capabilities.MaxBatchSize, 1, ConnectorCapabilities.MaxAllowedBatchSize)))
        {
            results.AddRange(await ApplyChunkAsync(connector, name, marketplace, chunk, cancellationToken));
        }

        return results;
    }

    private async Task<IReadOnlyList<DispatchOutcome>> ApplyChunkAsync(
        IMarketplaceConnector connector, string name, string marketplace, IReadOnlyList<ActionRequest> batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<ActionResult> answer;
        try
        {
            answer = await directory.CallAsync(connector, token => connector.ApplyAsync(batch, token), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = ex switch
            {
                TimeoutException => $"connector '{name}' timed out after {directory.CallTimeout.TotalMilliseconds} ms",
                PluginFaultedException => ex.Message,
                MarketplaceRateLimitedException => $"connector '{name}' was asked to wait: {ex.Message}",
                _ => $"connector '{name}' failed: {ex.Message}",
            };
            if (ex is MarketplaceRateLimitedException limited)
            {
                // Not a fault: the marketplace, or the connector's pacing of its quota, asked for a pause.
                LogConnectorAskedToWait(name, marketplace, batch.Count, limited.RetryAfter, limited.Message);
            }
            else
            {
                LogConnectorFailed(ex, name, marketplace, batch.Count, reason);
            }

            return All(batch, ActionResultStatus.RetryableFailure, reason, Backoff.AskedFor(ex));
        }

        var byKey = (answer ?? []).Where(r => r is not null).GroupBy(r => r.IdempotencyKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. batch.Select(request => byKey.TryGetValue(request.IdempotencyKey, out var result)
            ? new DispatchOutcome(
                result.IdempotencyKey, result.Status, result.Status == ActionResultStatus.Applied && result.Reason is null ? $"applied by {name}" : result.Reason, result.CreatedId,
                RetryAfter: result.Status == ActionResultStatus.RetryableFailure ? result.RetryAfter : null)
            : new DispatchOutcome(request.IdempotencyKey, ActionResultStatus.RetryableFailure, "connector returned no result"))];
    }

    // The connector's own words on what the marketplace lacks, when it gave them.
    private static string Unsupported(ConnectorCapabilities capabilities, string name, ActionKind kind) =>
        capabilities.UnsupportedReasons.TryGetValue(kind, out var reason) && !string.IsNullOrWhiteSpace(reason)
            ? $"connector '{name}' does not apply {kind} actions: {reason}"
            : $"connector '{name}' does not apply {kind} actions";

    private static DispatchOutcome[] All(IReadOnlyList<ActionRequest> batch, ActionResultStatus status, string reason, TimeSpan? retryAfter = null) =>
        [.. batch.Select(r => new DispatchOutcome(r.IdempotencyKey, status, reason, RetryAfter: retryAfter))];

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector} for {Marketplace} was asked to pause before applying {Count} actions; they stay pending for at least {RetryAfter}: {Reason}")]
    private partial void LogConnectorAskedToWait(string connector, string marketplace, int count, TimeSpan retryAfter, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector} for {Marketplace} could not apply {Count} actions: {Reason}. They stay pending and are retried")]
    private partial void LogConnectorFailed(Exception exception, string connector, string marketplace, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification channel {Channel} of {Plugin} could not deliver {ActionId} for {Sku}: {Reason}")]
    private partial void LogChannelFailed(Exception exception, string plugin, string channel, string sku, string actionId, string reason);
}
