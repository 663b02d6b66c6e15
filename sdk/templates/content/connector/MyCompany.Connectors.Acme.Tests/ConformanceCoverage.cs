using Marketpilot.Sdk.TestKit;

namespace MyCompany.Connectors.Acme.Tests;

/// <summary>Fails when a conformance suite of the kit is not derived in this project.</summary>
public sealed class ConformanceCoverage : ConformanceSuiteCoverageTests;
