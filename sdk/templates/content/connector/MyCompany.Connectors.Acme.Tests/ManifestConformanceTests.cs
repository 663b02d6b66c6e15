using Marketpilot.Sdk.TestKit;

namespace MyCompany.Connectors.Acme.Tests;

/// <summary>
/// The kit's manifest checks on the plugin's published folder, which this project's build publishes into published-plugin/
/// next to the tests: every check runs, including that the folder ships no shared assembly.
/// </summary>
public sealed class ManifestConformanceTests : PluginManifestConformanceTests
{
    protected override string PluginFolder => Path.Combine(AppContext.BaseDirectory, "published-plugin");

    protected override bool IsPublishedFolder => true;
}
