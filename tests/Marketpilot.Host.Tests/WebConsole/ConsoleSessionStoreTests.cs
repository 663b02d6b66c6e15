extern alias host;

using host::Marketpilot.Host.Hosting;
using host::Marketpilot.Host.WebConsole;
using Marketpilot.Host.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>The console's sessions on the server: they end when they expire, are removed or crowd out, and take bounded memory.</summary>
public sealed class ConsoleSessionStoreTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly TempFolder _data = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ARemovedSessionIsNeitherFoundNorBroughtBackByARenewal()
    {
        var store = Store();
        var id = await store.StoreAsync(Ticket("key-a"));

        await store.RemoveAsync(id);
        await store.RenewAsync(id, Ticket("key-a"));

        Assert.Null(await store.RetrieveAsync(id));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task ASessionEndsWhenItExpiresUnlessARenewalMovedItsExpiry()
    {
        var store = Store();
        var idle = await store.StoreAsync(Ticket("key-a"));
        var used = await store.StoreAsync(Ticket("key-a"));

        _time.Advance(Lifetime / 2 + TimeSpan.FromMinutes(1));
        await store.RenewAsync(used, Ticket("key-a"));
        _time.Advance(Lifetime / 2);

        Assert.Null(await store.RetrieveAsync(idle));
        Assert.NotNull(await store.RetrieveAsync(used));
    }

    [Fact]
    public async Task ExpiredSessionsAreDroppedWhenAnotherIsStored()
    {
        var store = Store();
        for (var i = 0; i < 50; i++)
        {
            await store.StoreAsync(Ticket("key-a"));
        }

        _time.Advance(Lifetime + TimeSpan.FromSeconds(1));
        await store.StoreAsync(Ticket("key-b"));

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task AFloodOfSignInsOfOneKeyKeepsItsNewestSessionsUpToTheLimitAndLeavesOtherKeysAlone()
    {
        var store = Store(maxSessionsPerKey: 3);
        var other = await store.StoreAsync(Ticket("key-b"));
        var flood = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            flood.Add(await store.StoreAsync(Ticket("key-a")));
        }

        Assert.Equal(4, store.Count);
        Assert.NotNull(await store.RetrieveAsync(other));
        Assert.Null(await store.RetrieveAsync(flood[^4]));
        foreach (var newest in flood[^3..])
        {
            Assert.NotNull(await store.RetrieveAsync(newest));
        }
    }

    public void Dispose() => _data.Dispose();

    private ConsoleSessionStore Store(int maxSessionsPerKey = 100)
    {
        var keys = new ApiKeyStore(
            Options.Create(new ApiOptions { Keys = ["key-a", "key-b"] }),
            Options.Create(new MarketpilotOptions { DataPath = _data.Path }),
            NullLogger<ApiKeyStore>.Instance);
        return new ConsoleSessionStore(keys, Options.Create(new ConsoleOptions { MaxSessionsPerKey = maxSessionsPerKey }), _time, NullLogger<ConsoleSessionStore>.Instance);
    }

    // As the cookie handler hands it over: the principal ConsoleSession signs in, expiring a lifetime from now.
    private AuthenticationTicket Ticket(string key) =>
        new(ConsoleSession.PrincipalOf(key), new AuthenticationProperties { ExpiresUtc = _time.GetUtcNow() + Lifetime }, "Cookies");
}
