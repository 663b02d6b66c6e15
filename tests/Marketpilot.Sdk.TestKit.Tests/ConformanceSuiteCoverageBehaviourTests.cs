namespace Marketpilot.Sdk.TestKit.Tests;

public sealed class ConformanceSuiteCoverageBehaviourTests
{
    [Fact]
    public void TheKitHasAConnectorAndAManifestSuite()
    {
        Assert.Equal([typeof(ConnectorConformanceTests), typeof(PluginManifestConformanceTests)], ConformanceSuiteCoverageTests.Suites);
    }

    [Fact]
    public void AnAssemblyThatDerivesNoSuiteMissesEveryOne()
    {
        // This test assembly derives none of the suites: a vendor who forgot them gets each one named.
        var missing = ConformanceSuiteCoverageTests.FindMissingSuites(typeof(ConformanceSuiteCoverageBehaviourTests).Assembly);

        Assert.Equal(ConformanceSuiteCoverageTests.Suites, missing);
    }

    [Fact]
    public void AnIgnoredSuiteIsNotRequired()
    {
        var missing = ConformanceSuiteCoverageTests.FindMissingSuites(typeof(ConformanceSuiteCoverageBehaviourTests).Assembly, [typeof(ConnectorConformanceTests)]);

        Assert.Equal([typeof(PluginManifestConformanceTests)], missing);
    }
}
