using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Kaspi.Tests;

/// <summary>The Kaspi plugin's plugin.json (copied next to these tests with the plugin's assembly) against the manifest rules.</summary>
public sealed class KaspiManifestConformanceTests : PluginManifestConformanceTests;
