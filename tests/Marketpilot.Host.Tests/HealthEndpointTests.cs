using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary><c>/health</c> says the process answers; <c>/health/ready</c> lists each concern and answers 503 when one fails.</summary>
[Collection(HostCollection.Name)]
public sealed class HealthEndpointTests(HostFixture fixture)
{
    private static readonly string[] ReadinessChecks = ["silo", "storage", "plugins", "rule-workers"];

    [Fact]
    public async Task ARunningHostIsReadyAndListsEachCheckWithoutAnApiKey()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        var ready = await fixture.Host.EventuallyAsync(async () =>
        {
            var response = await anonymous.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK ? await ReadAsync(response) : null;
        }, TimeSpan.FromSeconds(60), "/health/ready to answer 200");

        var checks = Checks(ready);
        Assert.Equal(ReadinessChecks.Order(), checks.Keys.Order());
        Assert.Equal("Healthy", checks["silo"]);
        Assert.Equal("Healthy", checks["storage"]);
        Assert.DoesNotContain(fixture.Host.ApiKey, ready.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task AHostWhosePluginsAllFailedIsLiveButNotReady()
    {
        using var data = new TempFolder();
        using var plugins = new TempFolder();
        var broken = Path.Combine(plugins.Path, "broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "plugin.json"), """{ "id": "broken", "version": "1.0", "sdkVersion": "0.1", "entryAssembly": "Broken.dll" }""");

        await using var host = await HostProcess.StartAsync(data.Path, "--plugins", plugins.Path);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };

        var response = await anonymous.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await ReadAsync(response);
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Checks(report)["plugins"]);
        var plugin = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plugins");
        Assert.Equal("Failed", plugin.GetProperty("data").GetProperty("broken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static Dictionary<string, string> Checks(JsonElement report) =>
        report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
}
