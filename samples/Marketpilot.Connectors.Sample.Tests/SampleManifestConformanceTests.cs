using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Sample.Tests;

/// <summary>The plugin.json copied next to these tests, against the manifest rules the host applies.</summary>
public sealed class SampleManifestConformanceTests : PluginManifestConformanceTests;
