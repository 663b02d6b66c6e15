using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Channels.Sms.Tests.Conformance;

/// <summary>Fails when the kit gains a suite for channels that this project does not derive.</summary>
public sealed class ConformanceCoverage : ConformanceSuiteCoverageTests;
