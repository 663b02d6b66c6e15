using Marketpilot.Scripting;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Tests.Support;

internal static class Some
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static SkuSnapshot Sku(
        string sku = "A-1",
        DateOnly? date = null,
        decimal price = 120m,
        decimal cost = 100m,
        int stock = 50,
        long clicks = 0,
        long orders = 0) =>
        new()
        {
            Marketplace = Marketplaces.Ozon,
            ShopId = "shop-1",
            Sku = sku,
            Price = price,
            Cost = cost,
            Stock = stock,
            Clicks = clicks,
            Orders = orders,
            Date = date,
        };

    public static DateOnly Day(int day) => new(2026, 11, day);

    public static RuleGlobals Globals(SkuSnapshot? sku = null) =>
        new(sku ?? Sku(), [], [], RuleState.New("test"), Now);

    public static CompiledRule Rule(string source, string path = "test.csx")
    {
        var compilation = new RuleCompiler().Compile(path, source);
        Assert.True(compilation.Succeeded, string.Join(Environment.NewLine, compilation.Diagnostics));
        return compilation.Compiled!;
    }
}
