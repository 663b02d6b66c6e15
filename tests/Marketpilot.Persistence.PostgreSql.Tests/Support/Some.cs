using Marketpilot.Actions;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Persistence.PostgreSql.Tests.Support;

/// <summary>Test data.</summary>
internal static class Some
{
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static int _next;

    public static string Id() => $"sku-{Interlocked.Increment(ref _next)}";

    public static ActionRecord Action(string? sku = null, RuleAction? action = null, DateTimeOffset? proposedAt = null) => new(
        Guid.NewGuid().ToString("N"),
        "min-margin",
        "v1",
        new SkuKey("simulator", "demo", sku ?? Id()),
        action ?? new SetPrice(120m) { Reason = "margin floor" },
        ActionStatus.Proposed,
        null,
        proposedAt ?? Now,
        proposedAt ?? Now);

    public static ActionRecord Notification(string sku) => Action(sku, new Notify("purchasing", "stock is low"));
}
