using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>
/// The real host on the simulator's shop (30 SKUs, a week of history, applied actions) with a read-only key scoped to
/// that shop, shared by the console's tests.
/// </summary>
public sealed class ConsoleHostFixture : IAsyncLifetime
{
    public const string Shop = "simulator/demo";

    private readonly TempFolder _data = new();

    public HostProcess Host { get; private set; } = null!;

    public string ReadOnlyKey { get; } = "console-ro-" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        Host = await HostProcess.StartAsync(
            _data.Path,
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
    }
}
