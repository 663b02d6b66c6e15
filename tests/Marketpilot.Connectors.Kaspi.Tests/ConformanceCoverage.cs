using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Kaspi.Tests;

/// <summary>Fails when the kit gains a suite this project does not derive.</summary>
public sealed class ConformanceCoverage : ConformanceSuiteCoverageTests;
