using Marketpilot.Sdk.Conformance;
using Xunit;

namespace Marketpilot.Sdk.TestKit;

/// <summary>
/// The manifest conformance suite: derive one public class per plugin in your test project; every check of
/// <see cref="PluginManifestConformance"/> runs as its own test against <see cref="PluginFolder"/>.
/// </summary>
public abstract class PluginManifestConformanceTests
{
    /// <summary>
    /// The folder that holds the plugin's <c>plugin.json</c> and entry assembly. The default is the test's output
    /// folder, where a referenced plugin project's <c>plugin.json</c> (copied to output) and assembly land.
    /// </summary>
    protected virtual string PluginFolder => AppContext.BaseDirectory;

    /// <summary>
    /// Whether <see cref="PluginFolder"/> is a published plugin folder, so the check that it ships no shared assembly
    /// applies (capability flag). <see langword="false"/> by default: a test output folder holds the SDK.
    /// </summary>
    protected virtual bool IsPublishedFolder => false;

    /// <summary>Check <see cref="ConformanceCheckNames.ManifestPresent"/>.</summary>
    [SkippableFact]
    public void ManifestIsPresent() => AssertCheck(ConformanceCheckNames.ManifestPresent);

    /// <summary>Check <see cref="ConformanceCheckNames.ManifestValid"/>.</summary>
    [SkippableFact]
    public void ManifestIsValid() => AssertCheck(ConformanceCheckNames.ManifestValid);

    /// <summary>Check <see cref="ConformanceCheckNames.ManifestSdkVersion"/>.</summary>
    [SkippableFact]
    public void ManifestSdkVersionIsSupported() => AssertCheck(ConformanceCheckNames.ManifestSdkVersion);

    /// <summary>Check <see cref="ConformanceCheckNames.NoSharedAssemblies"/> (skipped unless <see cref="IsPublishedFolder"/>).</summary>
    [SkippableFact]
    public void FolderShipsNoSharedAssemblies() => AssertCheck(ConformanceCheckNames.NoSharedAssemblies);

    /// <summary>Check <see cref="ConformanceCheckNames.SharedDependenciesNotNewer"/> (skipped unless <see cref="IsPublishedFolder"/>).</summary>
    [SkippableFact]
    public void SharedDependenciesAreNotNewerThanTheHosts() => AssertCheck(ConformanceCheckNames.SharedDependenciesNotNewer);

    /// <summary>Runs the manifest checks and fails the test when <paramref name="checkName"/> failed.</summary>
    /// <param name="checkName">One of <see cref="ConformanceCheckNames.Manifest"/>.</param>
    /// <returns>The result, for a derived test that wants to look further.</returns>
    protected ConformanceCheckResult AssertCheck(string checkName)
    {
        var result = PluginManifestConformance.Check(PluginFolder, IsPublishedFolder).Single(r => r.Name == checkName);
        // A check that could not run is reported as skipped, never as passed.
        Skip.If(result.Outcome == ConformanceOutcome.Skipped, result.ToString());
        Assert.True(result.Outcome == ConformanceOutcome.Passed, result.ToString());
        return result;
    }
}
