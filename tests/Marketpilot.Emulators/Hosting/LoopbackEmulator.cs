using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Emulators.Hosting;

/// <summary>
/// A real Kestrel server on a free loopback port. Each emulator derives from it, maps its routes in
/// <see cref="MapRoutes"/> and keeps its own state; <see cref="Faults"/> lets a test make it misbehave.
/// </summary>
public abstract class LoopbackEmulator : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The base address, for example <c>http://127.0.0.1:41234/</c>; set once <see cref="StartAsync"/> returned.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The faults the emulator injects; none until a test sets them.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Starts the server on 127.0.0.1 with a port the OS picks.</summary>
    /// <returns>A task that completes once the server listens.</returns>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        ConfigureServices(builder.Services);
        var app = builder.Build();
        app.Use((context, next) => Faults.InvokeAsync(context, next));
        MapRoutes(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        _app = app;
    }

    /// <summary>Adds services the routes need; nothing by default.</summary>
    /// <param name="services">The server's services.</param>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Maps the emulator's routes.</summary>
    /// <param name="app">The server.</param>
    protected abstract void MapRoutes(WebApplication app);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }
}
