using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Marketpilot.Plugins.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Plugins.Tests;

/// <summary>The plugin runtime on real plugin dlls: private dependencies, guarded calls, hot reload and unloading.</summary>
public sealed class PluginRuntimeTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly PluginsFolder _plugins = new();
    private readonly string _control = Path.Combine(Path.GetTempPath(), $"marketpilot-faulty-{Guid.NewGuid():N}");

    public void Dispose()
    {
        _plugins.Dispose();
        File.Delete(_control);
        File.Delete(_control + ".applied");
    }

    [Fact]
    public async Task TwoPluginsWithIncompatibleVersionsOfOneLibraryBothLoadAndWork()
    {
        _plugins.With(PluginsFolder.JsonLegacy).With(PluginsFolder.JsonCurrent);

        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path);

        Assert.All(catalog.Plugins, p => Assert.Equal(PluginStatus.Loaded, p.Status));
        var legacy = await ApplyOneAsync(registry.Connectors.Single(c => c.Marketplace == "json-legacy"));
        var current = await ApplyOneAsync(registry.Connectors.Single(c => c.Marketplace == "json-current"));
        Assert.StartsWith("Newtonsoft.Json 12.0.0.0: {\"key\":\"k1\"}", legacy.Reason, StringComparison.Ordinal);
        Assert.StartsWith("Newtonsoft.Json 13.0.0.0: {\"key\":\"k1\"}", current.Reason, StringComparison.Ordinal);
        Assert.NotSame(registry.LoadContextOf("json-legacy"), registry.LoadContextOf("json-current"));
    }

    [Fact]
    public void ConnectorWhoseConstructorThrowsIsMarkedFailedWithTheReason()
    {
        _plugins.With(PluginsFolder.Faulty).With(PluginsFolder.Simulator);

        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path, ("Marketpilot:Plugins:faulty:ThrowInConstructor", "true"));

        var broken = catalog.Find("faulty")!;
        Assert.Equal(PluginStatus.Failed, broken.Status);
        Assert.Contains("told to fail in its constructor", broken.Reason, StringComparison.Ordinal);
        Assert.Equal(["simulator"], registry.Connectors.Select(c => c.Marketplace));
    }

    [Fact]
    public async Task AThrowingPluginIsFaultedThenRecoversAfterTheBreak()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var calls = new CallCounter();
        var connector = LoadFaulty(time);
        File.WriteAllText(_control, "throw");

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => connector.registry.Connectors.Single().PullAsync(null, CancellationToken.None));
        }

        var faulted = connector.catalog.Find("faulty")!;
        Assert.Equal(PluginStatus.Faulted, faulted.Status);
        Assert.Contains("marketplace unreachable", faulted.Reason, StringComparison.Ordinal);
        var rejected = await Assert.ThrowsAsync<PluginFaultedException>(() => connector.registry.Connectors.Single().PullAsync(null, CancellationToken.None));
        Assert.Contains("plugin 'faulty' is faulted", rejected.Message, StringComparison.Ordinal);

        File.WriteAllText(_control, "ok");
        time.Advance(TimeSpan.FromSeconds(31));
        var page = await connector.registry.Connectors.Single().PullAsync(null, CancellationToken.None);

        Assert.Equal("1", page.NextCursor);
        Assert.Equal((PluginStatus.Loaded, null), (connector.catalog.Find("faulty")!.Status, connector.catalog.Find("faulty")!.Reason));
        Assert.Equal(3, calls.Count("faulty", "failure"));
        Assert.Equal(1, calls.Count("faulty", "rejected_faulted"));
        Assert.Equal(1, calls.Count("faulty", "success"));
    }

    [Fact]
    public async Task AHangingPluginCallTimesOut()
    {
        var time = new FakeTimeProvider();
        var (registry, _) = LoadFaulty(time);
        File.WriteAllText(_control, "hang");

        var pull = registry.Connectors.Single().PullAsync(null, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));

        var timedOut = await Assert.ThrowsAsync<TimeoutException>(() => pull.WaitAsync(Deadline));
        Assert.Contains("pull timed out", timedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APluginReturningGarbageFailsTheCall()
    {
        var (registry, _) = LoadFaulty(new FakeTimeProvider());
        File.WriteAllText(_control, "garbage");

        var pull = await Assert.ThrowsAsync<PluginResultException>(() => registry.Connectors.Single().PullAsync(null, CancellationToken.None));
        var apply = await Assert.ThrowsAsync<PluginResultException>(() => ApplyOneAsync(registry.Connectors.Single()));

        Assert.Contains("returned no page", pull.Message, StringComparison.Ordinal);
        Assert.Contains("returned no results", apply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacingAPluginFolderLoadsTheNewVersionAndReleasesTheOldOne()
    {
        _plugins.With(PluginsFolder.JsonLegacy, "json").WithManifestChange("json", "id", "json").WithManifestChange("json", "version", "1.0.0");
        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path);
        Assert.StartsWith("Newtonsoft.Json 12.", (await ApplyOneAsync(registry.Connectors.Single())).Reason, StringComparison.Ordinal);
        var oldContext = WeakContext(registry, "json");
        var unloading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ((AssemblyLoadContext)oldContext.Target!).Unloading += _ => unloading.TrySetResult();

        Directory.Delete(Path.Combine(_plugins.Path, "json"), recursive: true);
        _plugins.With(PluginsFolder.JsonCurrent, "json").WithManifestChange("json", "id", "json").WithManifestChange("json", "version", "2.0.0");
        var reloaded = await registry.ReloadAsync("json");

        Assert.Equal(("json", "2.0.0", PluginStatus.Loaded), (reloaded!.Id, reloaded.Version, reloaded.Status));
        Assert.Equal("2.0.0", catalog.Find("json")!.Version);
        Assert.StartsWith("Newtonsoft.Json 13.", (await ApplyOneAsync(registry.Connectors.Single())).Reason, StringComparison.Ordinal);
        await unloading.Task.WaitAsync(Deadline);
        Assert.True(await CollectedAsync(oldContext));
    }

    [Fact]
    public async Task RemovingAPluginFolderUnloadsIt()
    {
        _plugins.With(PluginsFolder.JsonLegacy).With(PluginsFolder.Simulator);
        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path);
        var changed = 0;
        registry.Changed += (_, _) => changed++;

        Directory.Delete(Path.Combine(_plugins.Path, PluginsFolder.JsonLegacy), recursive: true);
        await registry.ReloadAsync(PluginsFolder.JsonLegacy);

        Assert.Equal(["simulator"], registry.Connectors.Select(c => c.Marketplace));
        Assert.Null(catalog.Find("json-legacy"));
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task TheWatcherReloadsAPluginWhoseFolderIsAdded()
    {
        _plugins.With(PluginsFolder.Simulator);
        var services = new ServiceCollection().AddLogging();
        services.AddMarketpilotPlugins(TestHost.Configuration(_plugins.Path, ("Marketpilot:Plugins:Runtime:ReloadQuietPeriodMilliseconds", "50")));
        await using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<PluginRegistry>();
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Changed += (_, _) =>
        {
            if (registry.Connectors.Any(c => c.Marketplace == "json-current"))
            {
                loaded.TrySetResult();
            }
        };
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        _plugins.With(PluginsFolder.JsonCurrent);
        await loaded.Task.WaitAsync(Deadline);

        Assert.Equal(PluginStatus.Loaded, registry.Catalog.Find("json-current")!.Status);
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private (PluginRegistry registry, PluginCatalog catalog) LoadFaulty(TimeProvider time)
    {
        _plugins.With(PluginsFolder.Faulty);
        return TestHost.LoadPlugins(
            _plugins.Path,
            time,
            ("Marketpilot:Plugins:faulty:ControlFile", _control),
            ("Marketpilot:Plugins:Runtime:CallTimeoutMilliseconds", "5000"),
            ("Marketpilot:Plugins:Runtime:MinimumThroughput", "3"),
            ("Marketpilot:Plugins:Runtime:FailureRatio", "0.5"),
            ("Marketpilot:Plugins:Runtime:BreakDurationMilliseconds", "30000"));
    }

    private static async Task<ActionResult> ApplyOneAsync(IMarketplaceConnector connector) =>
        (await connector.ApplyAsync([new ActionRequest("k1", new SkuKey(connector.Marketplace, "shop", "A-1"), new SetPrice(10m))], CancellationToken.None)).Single();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakContext(PluginRegistry registry, string id)
    {
        var context = registry.LoadContextOf(id);
        Assert.NotNull(context);
        Assert.True(context.IsCollectible);
        return new WeakReference(context);
    }

    private static async Task<bool> CollectedAsync(WeakReference reference)
    {
        // A deadline, not a timing assertion: collection of an unloaded context takes a few GC cycles.
        for (var i = 0; i < 50 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Yield();
        }

        return !reference.IsAlive;
    }

    private sealed class CallCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Plugin, string Outcome)> _calls = new();

        public CallCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Marketpilot.Plugins" && instrument.Name == "marketpilot.plugins.calls")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                string? plugin = null, outcome = null;
                foreach (var tag in tags)
                {
                    plugin = tag.Key == "plugin" ? tag.Value as string : plugin;
                    outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
                }

                _calls.Enqueue((plugin ?? "", outcome ?? ""));
            });
            _listener.Start();
        }

        public int Count(string plugin, string outcome) => _calls.Count(c => c.Plugin == plugin && c.Outcome == outcome);

        public void Dispose() => _listener.Dispose();
    }
}
