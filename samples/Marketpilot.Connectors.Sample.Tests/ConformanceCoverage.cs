using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Sample.Tests;

/// <summary>Fails when the kit gains a suite this project does not derive yet.</summary>
public sealed class ConformanceCoverage : ConformanceSuiteCoverageTests;
