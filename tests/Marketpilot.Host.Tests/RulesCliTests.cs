using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class RulesCliTests
{
    [Fact]
    public async Task CheckReportsASyntaxErrorWithItsLineAndColumn()
    {
        using var folder = new TempFolder();
        var script = folder.File("broken.csx", "var floor = Sku.Cost / 0.88m;\n\nif (Sku.Price < floor) SetPrice(floor)\n");

        var result = await Cli.RunAsync("rules", "check", script);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{script}(3,39): error CS1002: ; expected", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", 1)]
    [InlineData("test", 2)]
    public async Task AFolderGivenAsTheScriptIsCalledAFolder(string verb, int exitCode)
    {
        using var folder = new TempFolder();

        var result = await Cli.RunAsync(["rules", verb, folder.Path, .. verb == "test" ? ["--input", MinMarginFixture()] : Array.Empty<string>()]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains($"{folder.Path}(1,1): error MP0001: cannot read the script: {folder.Path} is a directory, not a script file", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckPassesTheSampleRules()
    {
        var scripts = Directory.GetFiles(RepoPaths.Scripts, "*.csx");

        var result = await Cli.RunAsync(["rules", "check", .. scripts]);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Equal(scripts.Length, result.StdOut.Split('\n').Count(l => l.EndsWith(')') && l.Contains(": ok (rule ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("min-margin")]
    [InlineData("stock-guard")]
    public async Task TestPrintsTheExpectedActionsForEveryFixture(string rule)
    {
        foreach (var fixture in Directory.GetFiles(Path.Combine(RepoPaths.Scripts, "fixtures", rule), "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)))
        {
            var result = await Cli.RunAsync("rules", "test", Path.Combine(RepoPaths.Scripts, rule + ".csx"), "--input", fixture);

            Assert.True(result.ExitCode == 0, $"{fixture}: exit {result.ExitCode}\n{result.StdErr}");
            var expected = Some.Json(await File.ReadAllTextAsync(Path.ChangeExtension(fixture, ".expected.json")));
            Assert.True(JsonElement.DeepEquals(expected, Some.Json(result.StdOut)), $"{fixture}: got\n{result.StdOut}");
        }
    }

    [Fact]
    public async Task TestExitsWith3AndTheReasonWhenTheRuleThrows()
    {
        using var folder = new TempFolder();
        var script = folder.File("throws.csx", "if (Sku.Stock >= 0) throw new InvalidOperationException(\"boom from rule\");\n");

        var result = await Cli.RunAsync("rules", "test", script, "--input", MinMarginFixture());

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("boom from rule", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestExitsWith3WhenTheRuleRunsOutOfTime()
    {
        using var folder = new TempFolder();
        var script = folder.File("slow.csx", "var until = DateTime.UtcNow.AddSeconds(3); long n = 0; while (DateTime.UtcNow < until) n++;\n");
        // Steps to spare (a billion), so only the 100 ms budget can stop it.
        var environment = new Dictionary<string, string> { ["Marketpilot__Scripting__MaxSteps"] = "1000000000" };

        var result = await Cli.RunAsync(environment, "rules", "test", script, "--input", MinMarginFixture(), "--timeout", "100");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("TimedOut", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("stopped after 100 ms", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRejectsAFixtureThatIsNotJson()
    {
        using var folder = new TempFolder();
        var fixture = folder.File("bad.json", "[{ \"marketplace\": \"ozon\", ");

        var result = await Cli.RunAsync("rules", "test", Path.Combine(RepoPaths.Scripts, "min-margin.csx"), "--input", fixture);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.json", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRefusesAFixtureTheApiWouldRefuseNamingEachItemAndField()
    {
        using var folder = new TempFolder();
        var fixture = folder.File("far.json", """
            {"skus": [
              {"marketplace": "ozon", "shopId": "s", "sku": "A", "price": 100, "cost": 50, "date": "2026-11-20"},
              {"marketplace": "ozon", "shopId": "s", "sku": "B", "price": -5, "date": "9999-12-31"}
            ],
             "campaigns": [{"marketplace": "ozon", "shopId": "s", "campaignId": "c", "skus": ["A"], "spend": 1e13}]}
            """);

        var result = await Cli.RunAsync("rules", "test", Path.Combine(RepoPaths.Scripts, "min-margin.csx"), "--input", fixture);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("far.json: skus[1].date: must be between 1970-01-01 and 9000-12-31", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("far.json: skus[1].price: must be greater than 0", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("far.json: campaigns[0].spend: must be at most 1000000000000", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("skus[0]", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRefusesAFixtureWithAMisspeltFieldNamingItOnce()
    {
        using var folder = new TempFolder();
        var fixture = folder.File("typo.json", """[{"marketplace": "ozon", "shopId": "s", "sku": "A", "price": 100, "cots": 50}]""");

        var result = await Cli.RunAsync("rules", "test", Path.Combine(RepoPaths.Scripts, "min-margin.csx"), "--input", fixture);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"{fixture} is not a valid fixture: $[0].cots is not a field of a fixture, SKU snapshot, campaign or event (check its spelling)",
            result.StdErr.Trim());
    }

    private static string MinMarginFixture() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Scripts, "fixtures", "min-margin"), "*.json").First(f => !f.EndsWith(".expected.json", StringComparison.Ordinal));
}
