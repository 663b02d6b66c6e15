using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Ozon.Tests;

/// <summary>The Ozon plugin.json (copied next to these tests with the plugin's assembly) against the manifest rules.</summary>
public sealed class OzonManifestConformanceTests : PluginManifestConformanceTests;
