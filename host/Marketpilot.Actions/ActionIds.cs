using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Actions;

/// <summary>
/// Action ids derived from what caused the action, so that replaying the same cause after a crash gives the same ids:
/// the outbox then ignores the replay and the connector, which gets the id as its idempotency key, applies it once.
/// </summary>
public static class ActionIds
{
    /// <summary>The tick of a data-change evaluation: the snapshot as received (its day and content).</summary>
    /// <param name="snapshot">The snapshot that triggered the evaluation.</param>
    /// <returns>A short, stable text.</returns>
    public static string DataTick(SkuSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return "data:" + Hash(JsonSerializer.SerializeToUtf8Bytes(snapshot, MarketpilotJson.Options));
    }

    /// <summary>The tick of a scheduled evaluation: the trigger and its scheduled time.</summary>
    /// <param name="trigger">The trigger's name, such as <c>Hourly</c>.</param>
    /// <param name="scheduledAt">The scheduled time.</param>
    /// <returns>A short, stable text.</returns>
    public static string ScheduleTick(string trigger, DateTimeOffset scheduledAt) => $"schedule:{trigger}:{scheduledAt.UtcTicks}";

    /// <summary>The tick of an event-triggered evaluation: the vendor's event id, so the same event reported again proposes the same ids.</summary>
    /// <param name="eventId">The event's id (for a delayed view rule, the view's id with a suffix).</param>
    /// <returns>A short, stable text.</returns>
    public static string EventTick(string eventId) => $"event:{eventId}";

    /// <summary>The id of the <paramref name="position"/>th action a rule version proposed for a SKU at a tick.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="ruleVersion">The rule's version (content hash).</param>
    /// <param name="sku">The SKU.</param>
    /// <param name="tick">What triggered the run (<see cref="DataTick"/>, <see cref="ScheduleTick"/>, <see cref="EventTick"/>).</param>
    /// <param name="position">The action's position among the run's actions.</param>
    /// <returns>32 hexadecimal digits.</returns>
    public static string For(string ruleId, string ruleVersion, SkuKey sku, string tick, int position) =>
        Hash(Encoding.UTF8.GetBytes($"{ruleId}\n{ruleVersion}\n{sku.Marketplace}\n{sku.ShopId}\n{sku.Sku}\n{tick}\n{position}"));

    /// <summary>The id of the <paramref name="position"/>th action that undoes <paramref name="actionId"/>; asking twice gives the same id.</summary>
    /// <param name="actionId">The action undone.</param>
    /// <param name="position">The compensating action's position.</param>
    /// <returns>32 hexadecimal digits.</returns>
    public static string UndoOf(string actionId, int position) => Hash(Encoding.UTF8.GetBytes($"undo\n{actionId}\n{position}"));

    private static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16));
}
