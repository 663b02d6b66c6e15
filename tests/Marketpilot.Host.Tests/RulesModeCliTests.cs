using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class RulesModeCliTests
{
    [Fact]
    public async Task RulesModeFailsClearlyWhenNoHostRuns()
    {
        var url = $"http://127.0.0.1:{HostProcess.FreePort()}";

        var result = await Cli.RunAsync("rules", "mode", "min-margin", "off", "--url", url, "--api-key", "any");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains($"no Marketpilot host answers at {url}/", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesModeWithoutAnyApiKeyNamesWhereItLooked()
    {
        using var data = new TempFolder();

        var result = await Cli.RunAsync("rules", "mode", "min-margin", "off", "--data", data.Path);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains(Path.Combine(data.Path, "api-key"), result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressThatIsNotOneIsABadArgument()
    {
        var result = await Cli.RunAsync("rules", "mode", "min-margin", "off", "--url", "not-a-url", "--api-key", "any");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--url 'not-a-url' is not an address like http://127.0.0.1:5080", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownModeIsRefusedBeforeAnyHostIsAsked()
    {
        var result = await Cli.RunAsync("rules", "mode", "min-margin", "turbo", "--url", "http://127.0.0.1:1", "--api-key", "any");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'turbo' is not a mode; use live, dry-run, off", result.StdErr, StringComparison.Ordinal);
    }
}
