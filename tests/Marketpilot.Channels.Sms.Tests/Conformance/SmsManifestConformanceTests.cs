using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Channels.Sms.Tests.Conformance;

/// <summary>The kit's manifest checks against the Sms plugin's <c>plugin.json</c> in the test output.</summary>
public sealed class SmsManifestConformanceTests : PluginManifestConformanceTests;
