using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>The console's sign-in, languages, CSRF protection and roles, over plain HTTP against the real host.</summary>
public sealed class ConsoleHttpTests(ConsoleHostFixture fixture) : IClassFixture<ConsoleHostFixture>
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task EveryConsolePageNeedsASignInAndTheRootOpensTheConsole()
    {
        using var client = new ConsoleClient(Host.BaseAddress);

        using var root = await client.GetAsync("/");
        using var console = await client.GetAsync("/console/skus");

        Assert.Equal("/console", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.StartsWith("/console/login", console.Headers.Location?.PathAndQuery ?? console.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongKeyIsRefusedAndGivesNoSession()
    {
        using var client = new ConsoleClient(Host.BaseAddress);

        using var answer = await client.SignInAsync("not-a-key");
        using var after = await client.GetAsync("/console");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("No API key matches.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task TheSessionCookieHoldsNeitherTheKeyNorItsName()
    {
        using var client = new ConsoleClient(Host.BaseAddress);

        using var answer = await client.SignInAsync(Host.ApiKey);

        Assert.Equal("/console", answer.Headers.Location?.OriginalString);
        var session = client.Cookies.GetCookies(Host.BaseAddress)[ConsoleClient.SessionCookie];
        Assert.NotNull(session);
        Assert.True(session.HttpOnly);
        Assert.DoesNotContain(Host.ApiKey, session.Value, StringComparison.Ordinal);
        Assert.Contains("<h1>Overview</h1>", await client.PageAsync("/console"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConsoleSpeaksRussianByDefaultAndEnglishWhenAsked()
    {
        using var russian = new ConsoleClient(Host.BaseAddress, culture: null);
        using var english = new ConsoleClient(Host.BaseAddress, culture: null);

        var ru = await russian.PageAsync("/console/login");
        using var chosen = await english.GetAsync("/console/language?culture=en&returnUrl=/console/login");
        var en = await english.PageAsync("/console/login");

        Assert.Contains("<html lang=\"ru\">", ru, StringComparison.Ordinal);
        Assert.Contains("Войдите с API-ключом", ru, StringComparison.Ordinal);
        Assert.Equal("/console/login", chosen.Headers.Location?.OriginalString);
        Assert.Contains("Sign in with an API key", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeWithoutTheAntiforgeryTokenIsRefusedAndChangesNothing()
    {
        using var client = new ConsoleClient(Host.BaseAddress);
        await client.SignInAsync(Host.ApiKey);

        using var forged = await client.PostAsync("/console/rules?handler=Automation", new Dictionary<string, string> { ["enabled"] = "false" }, tokenFrom: null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True((await Host.GetJsonAsync<JsonElement>("/api/v1/automation")).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task TheKillSwitchStopsAndResumesDispatchingAsTheApiSeesIt()
    {
        using var client = new ConsoleClient(Host.BaseAddress);
        await client.SignInAsync(Host.ApiKey);

        using var off = await client.PostAsync("/console/rules?handler=Automation", new Dictionary<string, string> { ["enabled"] = "false" }, "/console/rules");
        var offSeen = (await Host.GetJsonAsync<JsonElement>("/api/v1/automation")).GetProperty("enabled").GetBoolean();
        using var on = await client.PostAsync("/console/rules?handler=Automation", new Dictionary<string, string> { ["enabled"] = "true" }, "/console/rules");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(offSeen);
        Assert.True((await Host.GetJsonAsync<JsonElement>("/api/v1/automation")).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task ARulesPageShowsItsCheckDiagnosticsOnTheLineTheyConcern()
    {
        using var client = new ConsoleClient(Host.BaseAddress);
        await client.SignInAsync(Host.ApiKey);

        var page = await client.PageAsync($"/console/rules/{ConsoleHostFixture.Broken}");
        var overview = await client.PageAsync("/console");

        var line = page.IndexOf("var price = ;", StringComparison.Ordinal);
        var diagnostic = page.IndexOf("<div class=\"diagnostic error\">error CS1525 (2,", StringComparison.Ordinal);
        Assert.True(line > 0 && diagnostic > line, "the error is not shown under line 2");
        Assert.Contains("does not compile", page, StringComparison.Ordinal);
        Assert.Contains("<td data-mode=\"not compiled\">1</td>", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADryRunOnChosenSkusSaysWhatTheRuleWouldProposeAndWhatTheGuardrailsWouldDoAndRecordsNothing()
    {
        using var client = new ConsoleClient(Host.BaseAddress);
        await client.SignInAsync(Host.ApiKey);

        var page = await client.PageAsync($"/console/rules/{ConsoleHostFixture.HalfPrice}?dryrun=SIM-00001,SIM-00002,NO-SUCH");

        var rows = Regex.Matches(page, "<tr>\\s*<td>(SIM-\\d+) <small>simulator/demo</small></td>[\\s\\S]*?</tr>").Select(m => m.Value).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Contains("price → ", row, StringComparison.Ordinal));
        // Half the price is refused by a guardrail (the marketplace's minimum price, the margin floor or the largest step), named in the row.
        Assert.All(rows, row => Assert.Matches("<td>(marketplaceMinPrice|minMargin|maxPriceChangePerAction): [^<]+</td>\\s*</tr>", row));
        Assert.Contains("No stored SKU has the id NO-SUCH.", page, StringComparison.Ordinal);
        Assert.Equal(0, (await Host.GetJsonAsync<JsonElement>($"/api/v1/actions?rule={ConsoleHostFixture.HalfPrice}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ABacktestReplaysTheStoredDaysAndRecordsNothing()
    {
        using var client = new ConsoleClient(Host.BaseAddress);
        await client.SignInAsync(Host.ApiKey);

        var page = await client.PageAsync($"/console/rules/{ConsoleHostFixture.HalfPrice}?backtest=5");

        var summary = Regex.Match(page, "<p id=\"backtest-summary\">([\\s\\S]*?)</p>").Groups[1].Value;
        var skuDays = int.Parse(Regex.Match(summary, "(\\d+) SKU-days").Groups[1].Value, CultureInfo.InvariantCulture);
        var proposals = int.Parse(Regex.Match(summary, "(\\d+) proposals").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(skuDays, 30, 30 * 5);
        Assert.Equal(skuDays, proposals);
        Assert.Contains("<table id=\"backtest-result\">", page, StringComparison.Ordinal);
        Assert.Equal(0, (await Host.GetJsonAsync<JsonElement>($"/api/v1/actions?rule={ConsoleHostFixture.HalfPrice}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ABacktestAppliesEachShopsOwnGuardrails()
    {
        // A shop of its own whose guardrails allow halving a price (the 25% default step would refuse it), with three days
        // before the simulator's first (8 days back): the oldest of a 60-day backtest, so they lead its table, and outside
        // the 5-day backtest above.
        var shopId = "console-" + Guid.NewGuid().ToString("N")[..8];
        var sku = Some.SkuId();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var days = Enumerable.Range(0, 3).Select(i => today.AddDays(-12 + i)).ToList();
        using var posted = await Host.PostJsonAsync("/api/v1/skus", Some.Array([.. days.Select(day =>
        {
            var snapshot = Some.Sku(sku, price: 1000m, cost: 100m, date: day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            snapshot["shopId"] = shopId;
            return (System.Text.Json.Nodes.JsonNode)snapshot;
        })]));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        using var put = await Host.PutJsonAsync($"/api/v1/shops/ozon/{shopId}/guardrails", """{"maxPriceChangePerAction": 0.6, "maxPriceChangePerDay": 0.6}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var client = new ConsoleClient(Host.BaseAddress);
        await client.SignInAsync(Host.ApiKey);

        var page = await client.PageAsync($"/console/rules/{ConsoleHostFixture.HalfPrice}?backtest=60");

        var rows = Regex.Matches(page, $"<tr>\\s*<td>[0-9-]+</td>\\s*<td>{sku}</td>[\\s\\S]*?</tr>").Select(m => m.Value).ToList();
        Assert.Equal(days.Count, rows.Count);
        Assert.All(rows, row => Assert.Contains("<td>would pass</td>", row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        using var client = new ConsoleClient(Host.BaseAddress);
        await client.SignInAsync(Host.ApiKey);

        using var signOut = await client.PostAsync("/console/logout", new Dictionary<string, string>(), "/console");
        using var after = await client.GetAsync("/console");

        Assert.Equal("/console/login", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task ACopyOfTheSessionCookieIsRefusedAfterSignOutWhileAnotherSessionOfTheSameKeyStays()
    {
        using var leaving = new ConsoleClient(Host.BaseAddress);
        using var staying = new ConsoleClient(Host.BaseAddress);
        await leaving.SignInAsync(Host.ApiKey);
        await staying.SignInAsync(Host.ApiKey);
        using var copy = ConsoleClient.WithSession(Host.BaseAddress, leaving.Session!);
        var beforeSignOut = await copy.PageAsync("/console");

        using var signOut = await leaving.PostAsync("/console/logout", new Dictionary<string, string>(), "/console");
        using var afterSignOut = await copy.GetAsync("/console");

        Assert.Contains("<h1>Overview</h1>", beforeSignOut, StringComparison.Ordinal);
        Assert.Equal("/console/login", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.StartsWith("/console/login", afterSignOut.Headers.Location?.PathAndQuery ?? afterSignOut.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("<h1>Overview</h1>", await staying.PageAsync("/console"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadOnlyScopedKeySeesItsShopButNeitherTheHostsPagesNorAnyChange()
    {
        using var client = new ConsoleClient(Host.BaseAddress);
        await client.SignInAsync(fixture.ReadOnlyKey);

        var overview = await client.PageAsync("/console");
        using var rules = await client.GetAsync("/console/rules");
        using var plugins = await client.GetAsync("/console/plugins");
        var actions = await client.PageAsync("/console/actions?status=applied");
        var applied = (await Host.GetJsonAsync<JsonElement>("/api/v1/actions?status=applied&limit=1")).GetProperty("items")[0].GetProperty("actionId").GetString()!;
        using var undo = await client.PostAsync($"/console/actions?handler=Undo&id={Uri.EscapeDataString(applied)}", new Dictionary<string, string>(), "/console/actions");

        Assert.Contains("read-only", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/console/rules\"", overview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, rules.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, plugins.StatusCode);
        Assert.Contains("data-action-id", actions, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"undo\"", actions, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, undo.StatusCode);
        var log = await Host.GetJsonAsync<JsonElement>("/api/v1/actions?limit=1000");
        Assert.DoesNotContain(log.GetProperty("items").EnumerateArray(), a => a.TryGetProperty("undoOf", out var of) && of.GetString() == applied);
    }

    [Fact]
    public async Task EveryConsoleAnswerForbidsFramesSniffingCachingAndScriptsOfOtherOrigins()
    {
        using var client = new ConsoleClient(Host.BaseAddress);
        using var login = await client.GetAsync("/console/login");
        await client.SignInAsync(fixture.ReadOnlyKey);

        using var first = await client.GetAsync("/console");
        using var again = await client.GetAsync("/console/actions");
        using var forbidden = await client.GetAsync("/console/rules");
        using var missing = await client.GetAsync("/console/skus/simulator/demo/never-recorded");

        foreach (var answer in new[] { login, first, again, forbidden, missing })
        {
            var what = $"{answer.RequestMessage!.RequestUri!.AbsolutePath} ({(int)answer.StatusCode})";
            Assert.True(answer.Headers.TryGetValues("X-Frame-Options", out var frames) && frames.Single() == "DENY", $"{what}: X-Frame-Options");
            Assert.True(answer.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{what}: X-Content-Type-Options");
            Assert.True(answer.Headers.TryGetValues("Content-Security-Policy", out var policy) && policy.Single().Contains("frame-ancestors 'none'", StringComparison.Ordinal) && policy.Single().Contains("script-src 'self';", StringComparison.Ordinal), $"{what}: Content-Security-Policy");
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control no-store");
        }
    }
}
