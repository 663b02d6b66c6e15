using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.ScopedKeys;

/// <summary>
/// Every <c>/api</c> route the host maps, driven with the admin key and keys scoped to shops: a scoped key sees and
/// changes its own shops, never another's (404), and gets 403 from routes about the whole host.
/// </summary>
public sealed class ScopedKeyRouteTests(ScopedKeysFixture fixture) : IClassFixture<ScopedKeysFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static TheoryData<string> Routes => [.. ScopeCases.All.Keys];

    [Theory]
    [MemberData(nameof(Routes))]
    public Task AScopedKeyReachesOnlyWhatItsScopeAllows(string route) => ScopeCases.All[route].ProveAsync(fixture);

    [Fact]
    public async Task EveryRouteTheHostMapsDeclaresItsScopeAndHasAScopeTestCase()
    {
        var routes = await ApiRoutesAsync();

        Assert.Empty(routes.Where(r => r.Value is null).Select(r => $"{r.Key} declares no API key scope"));
        Assert.Empty(routes.Keys.Except(ScopeCases.All.Keys).Select(r => $"{r} has no case in ScopeCases"));
        Assert.Empty(ScopeCases.All.Keys.Except(routes.Keys).Select(r => $"ScopeCases has {r}, which the host does not map"));
        Assert.Equal(ScopeCases.All.ToDictionary(c => c.Key, c => (string?)c.Value.Scope), routes);
    }

    [Fact]
    public async Task AReadOnlyKeyGets403FromEveryRouteThatChangesSomething()
    {
        var changes = (await ApiRoutesAsync()).Keys.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal)).ToList();

        var answers = new List<string>();
        foreach (var route in changes)
        {
            var (method, path) = (route.Split(' ')[0], OwnPath(route.Split(' ')[1]));
            var response = await ScopeCases.SendAsync(fixture.ReadOnlyB, new HttpMethod(method), path, "{}");
            answers.Add($"{route} → {(int)response.StatusCode}");
        }

        Assert.NotEmpty(changes);
        Assert.All(answers, a => Assert.EndsWith("→ 403", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReadOnlyKeyRecordsNothingButReadsItsShop()
    {
        var sku = Some.SkuId();

        var refused = await fixture.ReadOnlyB.PostAsync("/api/v1/skus", ScopedKeysFixture.Json(Some.Array(ScopedKeysFixture.SkuIn(ScopedKeysFixture.ShopB, sku))));
        var read = await fixture.ReadOnlyB.GetAsync($"/api/v1/skus/{ScopedKeysFixture.ShopB}/{ScopedKeysFixture.SkuB}");

        Assert.Equal("This API key is read-only", (await Answers.JsonAsync(refused, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        await Answers.JsonAsync(await fixture.Admin.GetAsync($"/api/v1/skus/{ScopedKeysFixture.ShopB}/{sku}"), HttpStatusCode.NotFound);
        await Answers.JsonAsync(read, HttpStatusCode.OK);
    }

    [Fact]
    public async Task NoKeyIsEverLoggedOrEchoed()
    {
        var answers = new[]
        {
            await fixture.Client(fixture.KeyA + "x").GetAsync("/api/v1/actions"),
            await fixture.A.GetAsync("/api/v1/plugins"),
            await fixture.ReadOnlyB.PutAsync("/api/v1/automation", ScopedKeysFixture.Json("{}")),
            await fixture.B.GetAsync($"/api/v1/skus/{ScopedKeysFixture.ShopA}/{ScopedKeysFixture.SkuA}"),
        };

        var bodies = string.Join("\n", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())));
        foreach (var key in new[] { fixture.KeyA, fixture.KeyB, fixture.KeyReadOnlyB })
        {
            Assert.DoesNotContain(key, bodies, StringComparison.Ordinal);
            Assert.DoesNotContain(key, fixture.Host.Output, StringComparison.Ordinal);
        }

        Assert.Equal([401, 403, 403, 404], answers.Select(a => (int)a.StatusCode));
        Assert.Contains("Scoped API key Marketpilot:Api:ScopedKeys:0 configured for shops simulator/demo, ozon/shop-a2", fixture.Host.Output, StringComparison.Ordinal);
    }

    /// <summary>The host's <c>/api</c> routes from its OpenAPI document (<c>GET /api/v1/rules</c>), each with its declared scope.</summary>
    private async Task<Dictionary<string, string?>> ApiRoutesAsync()
    {
        var document = Some.Json(await fixture.Admin.GetStringAsync("/openapi/v1.json"));
        var routes = new Dictionary<string, string?>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                routes[$"{operation.Name.ToUpperInvariant()} {path.Name}"] =
                    operation.Value.TryGetProperty("x-api-key-scope", out var scope) && scope.ValueKind == JsonValueKind.String ? scope.GetString() : null;
            }
        }

        return routes;
    }

    private static string OwnPath(string template)
    {
        var (marketplace, shopId) = (ScopedKeysFixture.ShopB.Split('/')[0], ScopedKeysFixture.ShopB.Split('/')[1]);
        var path = template.Replace("{marketplace}", marketplace, StringComparison.Ordinal).Replace("{shopId}", shopId, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "x");
    }
}
