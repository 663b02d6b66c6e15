using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>
/// The real host on the simulator's shop (30 SKUs, a week of history, applied actions) with a read-only key scoped to
/// that shop, shared by the console's tests. Its scripts are the samples plus <see cref="HalfRollout"/>, a rule on a 50%
/// rollout with emergency thresholds, so an experiment has two arms to compare, <see cref="Broken"/>, which does not
/// compile, and <see cref="HalfPrice"/>, switched off, which would halve every price.
/// </summary>
public sealed class ConsoleHostFixture : IAsyncLifetime
{
    public const string Shop = "simulator/demo";

    public const string HalfRollout = "half-rollout";

    public const string Broken = "broken";

    public const string HalfPrice = "half-price";

    private readonly TempFolder _data = new();
    private readonly TempFolder _scripts = new();

    public HostProcess Host { get; private set; } = null!;

    public string ReadOnlyKey { get; } = "console-ro-" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Scripts, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_scripts.Path, Path.GetRelativePath(RepoPaths.Scripts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        await File.WriteAllTextAsync(
            Path.Combine(_scripts.Path, HalfRollout + ".csx"),
            "// @rollout: 50%\n// @emergency: margin-drop=50pt, orders-drop=90%\nif (Sku.Price < 0) Notify(\"manager\", \"never\");\n");
        await File.WriteAllTextAsync(Path.Combine(_scripts.Path, Broken + ".csx"), "// does not compile\nvar price = ;\n");
        await File.WriteAllTextAsync(Path.Combine(_scripts.Path, HalfPrice + ".csx"), "// @mode: off\nSetPrice(Math.Round(Sku.Price / 2, 2), \"half price\");\n");
        Host = await HostProcess.StartWithScriptsAsync(
            _data.Path,
            _scripts.Path,
            "--Marketpilot:Plugins:simulator:SkuCount=30",
            "--Marketpilot:Plugins:simulator:BackfillDays=8",
            "--Marketpilot:Sync:PollIntervalMilliseconds=200",
            "--Marketpilot:Scripting:Isolation=InProcess",
            $"--Marketpilot:Api:ScopedKeys:0:Key={ReadOnlyKey}",
            $"--Marketpilot:Api:ScopedKeys:0:Shops:0={Shop}",
            "--Marketpilot:Api:ScopedKeys:0:ReadOnly=true");
        await Host.EventuallyAsync(
            async () =>
            {
                var page = await Host.GetJsonAsync<JsonElement>("/api/v1/actions?status=applied&limit=1");
                return page.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first ? first : null;
            },
            TimeSpan.FromSeconds(180),
            "an applied action on the simulated shop");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
        _scripts.Dispose();
    }
}
