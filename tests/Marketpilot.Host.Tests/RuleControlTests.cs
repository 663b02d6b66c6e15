using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>Modes, the kill switch, undo and rollback through the API and the CLI, on a host of their own (they change global switches).</summary>
public sealed class RuleControlTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task ARulesModeSetThroughTheApiIsShownByTheRulesRoute()
    {
        var response = await Host.PutJsonAsync("/api/v1/rules/returns-alert/mode", """{"mode": "off"}""");

        var answer = await Answers.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("returns-alert", answer.GetProperty("ruleId").GetString());
        Assert.Equal("off", answer.GetProperty("mode").GetString());
        var rule = await RuleAsync("returns-alert");
        Assert.Equal("off", rule.GetProperty("mode").GetString());
        Assert.Equal("live", rule.GetProperty("metadata").GetProperty("mode").GetString());
    }

    [Theory]
    [InlineData("""{"mode": "turbo"}""")]
    [InlineData("""{"mode": 1}""")]
    [InlineData("""{}""")]
    public async Task AnInvalidModeIsRejectedNamingMode(string body)
    {
        var fields = await Answers.ErrorFieldsAsync(await Host.PutJsonAsync("/api/v1/rules/weak-card/mode", body));

        Assert.Equal(["mode"], fields);
        Assert.Equal("live", (await RuleAsync("weak-card")).GetProperty("mode").GetString());
    }

    [Fact]
    public async Task TheModeOfAnUnknownRuleIsNotFound()
    {
        var problem = await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/no-such-rule/mode", """{"mode": "off"}"""), HttpStatusCode.NotFound);

        Assert.Equal("Rule not found", problem.GetProperty("title").GetString());
        Assert.Contains("'no-such-rule'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCliSetsTheModeInTheRunningHostGivenTheSameDataFolderAndUrls()
    {
        var result = await Cli.RunAsync("rules", "mode", "stock-guard", "dry-run", "--data", fixture.DataPath, "--urls", Host.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("rule stock-guard: dry-run", result.StdOut, StringComparison.Ordinal);
        Assert.Equal("dry-run", (await RuleAsync("stock-guard")).GetProperty("mode").GetString());
    }

    [Fact]
    public async Task TheCliReadsTheHostsAddressAndKeyFromTheEnvironment()
    {
        var environment = new Dictionary<string, string> { ["MARKETPILOT_URL"] = Host.BaseAddress.ToString(), ["MARKETPILOT_API_KEY"] = Host.ApiKey };

        var result = await Cli.RunAsync(environment, "rules", "mode", "out-of-stock-ads", "off", "--data", Path.Combine(fixture.DataPath, "elsewhere"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("off", (await RuleAsync("out-of-stock-ads")).GetProperty("mode").GetString());
    }

    [Fact]
    public async Task TheCliShowsTheHostsProblemWhenItRefuses()
    {
        var result = await Cli.RunAsync("rules", "mode", "no-such-rule", "off", "--data", fixture.DataPath, "--url", Host.BaseAddress.ToString());

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("404", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("No rule file has the id 'no-such-rule'", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutomationCanBeSwitchedOffAndOnAgain()
    {
        var off = await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/automation", """{"enabled": false}"""), HttpStatusCode.OK);
        var whileOff = await Host.GetJsonAsync<JsonElement>("/api/v1/automation");
        var on = await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/automation", """{"enabled": true}"""), HttpStatusCode.OK);

        Assert.False(off.GetProperty("enabled").GetBoolean());
        Assert.False(whileOff.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.String, whileOff.GetProperty("changedAt").ValueKind);
        Assert.Equal(JsonValueKind.Object, whileOff.GetProperty("ruleModes").ValueKind);
        Assert.True(on.GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"enabled": "no"}""")]
    public async Task AnAutomationSwitchWithoutABooleanEnabledIsRejected(string body)
    {
        var fields = await Answers.ErrorFieldsAsync(await Host.PutJsonAsync("/api/v1/automation", body));

        Assert.Equal(["enabled"], fields);
    }

    [Fact]
    public async Task UndoingAnUnknownActionIsNotFound()
    {
        var problem = await Answers.JsonAsync(await Host.Client.PostAsync("/api/v1/actions/no-such-action/undo", null), HttpStatusCode.NotFound);

        Assert.Equal("Action not found", problem.GetProperty("title").GetString());
        Assert.Contains("no-such-action", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionOfARuleInDryRunCannotBeUndone()
    {
        await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/min-margin/mode", """{"mode": "dry-run"}"""), HttpStatusCode.OK);
        var sku = Some.SkuId();
        await Host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(sku, price: 100m, cost: 95m)));
        var dryRun = await DryRunActionAsync(sku);

        var response = await Host.Client.PostAsync($"/api/v1/actions/{dryRun}/undo", null);

        var problem = await Answers.JsonAsync(response, HttpStatusCode.Conflict);
        Assert.Equal($"action {dryRun} is dry-run; only applied actions can be undone", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ARollbackTurnsTheRuleOffAndListsWhatItQueued()
    {
        var response = await Host.PostJsonAsync("/api/v1/rules/conversion-drop/rollback", $$"""{"since": "{{DateTimeOffset.UtcNow.AddHours(-1):O}}"}""");

        var answer = await Answers.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("conversion-drop", answer.GetProperty("ruleId").GetString());
        Assert.Equal("off", answer.GetProperty("mode").GetString());
        Assert.Equal(0, answer.GetProperty("actionIds").GetArrayLength());
        Assert.Equal(0, answer.GetProperty("skipped").GetArrayLength());
        Assert.Equal("off", (await RuleAsync("conversion-drop")).GetProperty("mode").GetString());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"since": "yesterday"}""")]
    [InlineData("""{"since": 20261123}""")]
    public async Task ARollbackWithoutAValidSinceIsRejectedNamingSince(string body)
    {
        var fields = await Answers.ErrorFieldsAsync(await Host.PostJsonAsync("/api/v1/rules/unprofitable-ads/rollback", body));

        Assert.Equal(["since"], fields);
        Assert.Equal("live", (await RuleAsync("unprofitable-ads")).GetProperty("mode").GetString());
    }

    [Fact]
    public async Task ARollbackOfAnUnknownRuleIsNotFound()
    {
        var problem = await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/rules/no-such-rule/rollback", """{"since": "2026-11-23T10:00:00Z"}"""), HttpStatusCode.NotFound);

        Assert.Equal("Rule not found", problem.GetProperty("title").GetString());
        Assert.Contains("'no-such-rule'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> RuleAsync(string id) =>
        (await Host.GetJsonAsync<JsonElement>("/api/v1/rules")).EnumerateArray().Single(r => r.GetProperty("rule").GetProperty("id").GetString() == id);

    private async Task<string> DryRunActionAsync(string sku) =>
        (await Host.EventuallyAsync(
            async () =>
            {
                var page = await Host.GetJsonAsync<JsonElement>($"/api/v1/actions?sku={sku}&rule=min-margin&status=dry-run");
                return page.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } found ? found : null;
            },
            TimeSpan.FromSeconds(60),
            $"a dry-run min-margin action for {sku}")).GetProperty("actionId").GetString()!;
}
