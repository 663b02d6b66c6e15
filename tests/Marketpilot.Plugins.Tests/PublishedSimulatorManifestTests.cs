using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Plugins.Tests;

/// <summary>The simulator as the host sees it: its published folder passes every manifest check, including "ships no shared assemblies".</summary>
public sealed class PublishedSimulatorManifestTests : PluginManifestConformanceTests
{
    protected override string PluginFolder => Path.Combine(AppContext.BaseDirectory, "plugins", "Marketpilot.Connectors.Simulator");

    protected override bool IsPublishedFolder => true;
}
