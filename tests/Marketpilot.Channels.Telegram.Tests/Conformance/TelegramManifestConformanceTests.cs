using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Channels.Telegram.Tests.Conformance;

/// <summary>The kit's manifest checks against the Telegram plugin's <c>plugin.json</c> in the test output.</summary>
public sealed class TelegramManifestConformanceTests : PluginManifestConformanceTests;
