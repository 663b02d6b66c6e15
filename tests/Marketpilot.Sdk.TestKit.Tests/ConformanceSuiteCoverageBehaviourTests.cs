namespace Marketpilot.Sdk.TestKit.Tests;

public sealed class ConformanceSuiteCoverageBehaviourTests
{
    [Fact]
    public void TheKitHasAChannelAConnectorAndAManifestSuite()
    {
        Assert.Equal([typeof(ChannelConformanceTests), typeof(ConnectorConformanceTests), typeof(PluginManifestConformanceTests)], ConformanceSuiteCoverageTests.Suites);
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

        Assert.Equal([typeof(ChannelConformanceTests), typeof(PluginManifestConformanceTests)], missing);
    }

    [Theory]
    [InlineData("channel", new[] { typeof(ChannelConformanceTests), typeof(PluginManifestConformanceTests) })]
    [InlineData("connector", new[] { typeof(ConnectorConformanceTests), typeof(PluginManifestConformanceTests) })]
    public void OnlyTheSuitesForTheDeclaredKindsAreRequired(string kind, Type[] required)
    {
        var missing = ConformanceSuiteCoverageTests.FindMissingSuites(typeof(ConformanceSuiteCoverageBehaviourTests).Assembly, null, [kind]);

        Assert.Equal(required, missing);
    }
}
