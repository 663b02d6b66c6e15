using System.Globalization;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Tests.Support;

/// <summary>Test data: the emulator's seeded articles and actions on them.</summary>
public static class Some
{
    public const long FirstNmId = 100_001;

    private static int _keys;

    public static SkuKey Sku(long nmId) => new(Marketplaces.Wildberries, "wb-main", nmId.ToString(CultureInfo.InvariantCulture));

    public static ActionRequest Action(long nmId, RuleAction action, string? key = null) =>
        new(key ?? $"test-{Interlocked.Increment(ref _keys)}-{Guid.NewGuid():N}", Sku(nmId), action, "test-rule");
}
