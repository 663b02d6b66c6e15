using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Simulator.Tests;

/// <summary>
/// The simulator as the host loads it: its published folder (published-plugin/ next to these tests, see
/// tests/Directory.Build.targets) against every manifest check, including the published-folder ones.
/// </summary>
public sealed class SimulatorManifestConformanceTests : PluginManifestConformanceTests
{
    protected override string PluginFolder => Path.Combine(AppContext.BaseDirectory, "published-plugin");

    protected override bool IsPublishedFolder => true;
}
