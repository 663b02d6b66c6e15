using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Sample.Tests;

/// <summary>
/// The plugin's published folder, which this project's build publishes into published-plugin/ next to the tests, against
/// every manifest check the host applies, including that the folder ships no shared assembly.
/// </summary>
public sealed class SampleManifestConformanceTests : PluginManifestConformanceTests
{
    protected override string PluginFolder => Path.Combine(AppContext.BaseDirectory, "published-plugin");

    protected override bool IsPublishedFolder => true;
}
