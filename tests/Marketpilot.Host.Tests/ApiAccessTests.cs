using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class ApiAccessTests(HostFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    public async Task ARequestWithoutAValidKeyGets401(string? key)
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.GetAsync("/api/v1/actions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task HealthNeedsNoKey()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheRoutes()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        var document = Some.Json(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/skus", paths);
        Assert.Contains("/api/v1/actions", paths);
    }

    [Fact]
    public async Task TheRulesRouteListsTheSampleRulesWithTheirVersions()
    {
        var rules = await fixture.Host.GetJsonAsync<JsonElement>("/api/v1/rules");

        var minMargin = rules.EnumerateArray().Single(r => r.GetProperty("rule").GetProperty("id").GetString() == "min-margin");
        Assert.True(minMargin.GetProperty("compiled").GetBoolean());
        Assert.Equal(12, minMargin.GetProperty("rule").GetProperty("version").GetString()!.Length);
    }

    [Fact]
    public async Task EveryBundledPluginLoadsOnTheDefaultConfiguration()
    {
        // An unconfigured channel or shop connector loads and registers nothing; it must not fail because of the keys the host sets.
        var plugins = await fixture.Host.GetJsonAsync<JsonElement>("/api/v1/plugins");

        var bundled = RepoPaths.BundledPluginFolders().ToList();
        Assert.True(bundled.Count >= 8, $"only {bundled.Count} bundled plugin folders under {RepoPaths.BundledPlugins}");
        foreach (var (_, id) in bundled)
        {
            var plugin = plugins.EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
            Assert.True(plugin.GetProperty("status").GetString() == "loaded", $"{id}: {plugin}");
        }
    }

    [Theory]
    [InlineData("dry-run")]
    [InlineData("control")]
    [InlineData("Applied")]
    public async Task TheStatusFilterTakesEveryStatusName(string status)
    {
        var response = await fixture.Host.Client.GetAsync($"/api/v1/actions?status={status}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownStatusIsRejectedListingEveryStatusName()
    {
        var response = await fixture.Host.Client.GetAsync("/api/v1/actions?status=done");

        var problem = await Answers.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            "'done' is not one of: proposed, applied, rejected, failed, dry-run, control",
            problem.GetProperty("errors").GetProperty("status")[0].GetString());
    }

    [Theory]
    [InlineData("status=done")]
    [InlineData("since=yesterday")]
    [InlineData("limit=0")]
    public async Task AnInvalidActionQueryIsRejected(string query)
    {
        var response = await fixture.Host.Client.GetAsync($"/api/v1/actions?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
