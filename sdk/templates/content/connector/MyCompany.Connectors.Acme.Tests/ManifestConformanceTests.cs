using Marketpilot.Sdk.TestKit;

namespace MyCompany.Connectors.Acme.Tests;

/// <summary>The kit's manifest checks on the plugin.json the plugin project copies to this output folder.</summary>
public sealed class ManifestConformanceTests : PluginManifestConformanceTests;
