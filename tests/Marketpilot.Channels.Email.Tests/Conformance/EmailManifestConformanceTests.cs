using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Channels.Email.Tests.Conformance;

/// <summary>The kit's manifest checks against the email plugin's <c>plugin.json</c> in the test output.</summary>
public sealed class EmailManifestConformanceTests : PluginManifestConformanceTests;

