using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary><c>Marketpilot:Grains</c> reaches Orleans' grain collection, and a value Orleans cannot use stops the host naming its key.</summary>
public sealed class GrainCollectionTests
{
    [Theory]
    [InlineData("--Marketpilot:Grains:CollectionAge=00:00:30", "Marketpilot:Grains:CollectionAge must be longer than")]
    [InlineData("--Marketpilot:Grains:MemoryUsageLimitPercentage=50", "Marketpilot:Grains:MemoryUsageTargetPercentage and MemoryUsageLimitPercentage")]
    [InlineData("--Marketpilot:Grains:CollectionAge=soon", "Marketpilot:Grains:CollectionAge")]
    public async Task AnUnusableValueStopsTheHostNamingItsKey(string setting, string message)
    {
        using var folder = new TempFolder();

        var result = await Cli.RunAsync("--data", folder.Path, "--urls", "http://127.0.0.1:0", "--Marketpilot:Sync:Enabled=false", setting);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.StdOut + result.StdErr, StringComparison.Ordinal);
    }
}
