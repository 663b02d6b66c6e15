namespace Marketpilot.Connectors.Ozon.Tests.Support;

/// <summary>Starts a seeded <see cref="OzonTestShop"/> before each test of a class and stops it after.</summary>
/// <param name="products">How many products the emulated shop lists.</param>
public abstract class OzonShopTests(int products) : IAsyncLifetime
{
    protected OzonTestShop Shop { get; private set; } = null!;

    public async Task InitializeAsync() => Shop = await OzonTestShop.StartAsync(products);

    public async Task DisposeAsync() => await Shop.DisposeAsync();
}
