using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>The command line as a whole: a word that is no verb, the host's own arguments, and what does not parse.</summary>
public sealed class MarketpilotCliTests
{
    [Fact]
    public async Task AnUnknownVerbExits2NamingItAndTheVerbsWithoutStartingAHost()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");

        var result = await Cli.RunAsync("frobnicate", "--data", data, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: unknown verb 'frobnicate'; verbs: rules, plugins, db, demo", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "a host started and created its data folder");
    }

    [Theory]
    [InlineData("--Marketpilot:Logging:SummaryIntervalSeconds=-5")]
    [InlineData("Marketpilot:Logging:SummaryIntervalSeconds=-5")]
    [InlineData("--Marketpilot:Logging:SummaryIntervalSeconds -5")]
    public async Task HostConfigurationInEachFormTheHostReadsStillReachesIt(string setting)
    {
        using var data = new TempFolder();

        var result = await Cli.RunAsync(["--data", data.Path, "--urls", "http://127.0.0.1:0", .. NoSync.Args, .. setting.Split(' ')]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SummaryIntervalSeconds must be between 0 and 86400", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plugins list --bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("rules bogus", "Unrecognized command or argument 'bogus'")]
    [InlineData("demo --days abc", "Cannot parse argument 'abc' for option '--days'")]
    [InlineData("rules check", "Required argument missing for command: 'check'")]
    public async Task ACommandLineThatDoesNotParseExits2NamingWhatIsWrong(string commandLine, string message)
    {
        var result = await Cli.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
    }
}
