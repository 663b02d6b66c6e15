using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Channels.Webhook.Tests.Conformance;

/// <summary>The kit's manifest checks against the webhook plugin's <c>plugin.json</c> in the test output.</summary>
public sealed class WebhookManifestConformanceTests : PluginManifestConformanceTests;

