using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Simulator.Tests;

/// <summary>The simulator's plugin.json (copied next to these tests with the plugin's assembly) against the manifest rules.</summary>
public sealed class SimulatorManifestConformanceTests : PluginManifestConformanceTests;
