namespace Marketpilot.Connectors.Kaspi.Tests.Support;

/// <summary>A test class whose every test gets its own <see cref="KaspiShop"/>.</summary>
public abstract class ShopTests : IAsyncLifetime
{
    protected KaspiShop Shop { get; private set; } = null!;

    public async Task InitializeAsync() => Shop = await KaspiShop.StartAsync();

    public async Task DisposeAsync() => await Shop.DisposeAsync();
}
