using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class RuleIsolationTests
{
    [Fact]
    public async Task CheckRefusesToRunRulesUnconfinedWhenConfinedIsRequiredAndBubblewrapIsMissing()
    {
        var environment = new Dictionary<string, string>
        {
            ["Marketpilot__Scripting__Isolation"] = "Confined",
            ["PATH"] = "/nonexistent",
        };

        var result = await Cli.RunAsync(environment, "rules", "check", Path.Combine(RepoPaths.Scripts, "min-margin.csx"));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("bubblewrap", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task BacktestRefusesToRunTheRuleUnconfinedWhenConfinedIsRequiredAndBubblewrapIsMissing()
    {
        var environment = new Dictionary<string, string>
        {
            ["Marketpilot__Scripting__Isolation"] = "Confined",
            ["PATH"] = "/nonexistent",
        };

        var result = await Cli.RunAsync(environment, "rules", "backtest", Path.Combine(RepoPaths.Scripts, "min-margin.csx"), "--source", "simulator", "--days", "1", "--skus", "5");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("bubblewrap", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task DemoRefusesWhenConfinedIsRequiredBecauseItRunsRulesInItsOwnProcess()
    {
        var environment = new Dictionary<string, string> { ["Marketpilot__Scripting__Isolation"] = "Confined" };

        var result = await Cli.RunAsync(environment, "demo", "--days", "1", "--skus", "10");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("demo runs rules inside its own process, and Marketpilot:Scripting:Isolation is Confined", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task TheHostRefusesToStartWhenConfinedIsRequiredAndBubblewrapIsMissing()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["Marketpilot__Scripting__Isolation"] = "Confined",
            ["PATH"] = "/nonexistent",
        };

        var result = await Cli.RunAsync(environment, "--data", folder.Path, "--urls", "http://127.0.0.1:0", "--Marketpilot:Sync:Enabled=false");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Isolation is Confined, but bubblewrap (bwrap) is not installed", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAndTestRunInProcessWhenIsolationIsInProcess()
    {
        var environment = new Dictionary<string, string> { ["Marketpilot__Scripting__Isolation"] = "InProcess", ["PATH"] = "/nonexistent" };
        var script = Path.Combine(RepoPaths.Scripts, "min-margin.csx");

        var check = await Cli.RunAsync(environment, "rules", "check", script);
        var test = await Cli.RunAsync(environment, "rules", "test", script, "--input", Path.Combine(RepoPaths.Scripts, "fixtures", "min-margin", "below-floor.json"));

        Assert.Equal((0, 0), (check.ExitCode, test.ExitCode));
        Assert.Contains(": ok (rule min-margin, version ", check.StdOut, StringComparison.Ordinal);
        Assert.Contains("\"setPrice\"", test.StdOut, StringComparison.Ordinal);
    }
}
