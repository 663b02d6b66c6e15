using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;
using Xunit;

namespace Marketpilot.Sdk.TestKit;

/// <summary>
/// The connector conformance suite: derive one public class per connector in your test project, return your
/// connector from <see cref="CreateConnector"/>, and every check of <see cref="ConnectorConformance"/> runs as its own test.
/// </summary>
/// <remarks>
/// The apply checks change the marketplace: point the connector at a sandbox, or override
/// <see cref="AppliesActions"/> to return <see langword="false"/>. A skipped check passes; its reason is in the
/// check's message.
/// </remarks>
public abstract class ConnectorConformanceTests
{
    /// <summary>Whether the apply checks run (capability flag); <see langword="false"/> for a connector whose test shop must not change.</summary>
    protected virtual bool AppliesActions => true;

    /// <summary>Creates the connector under test; called once per test, so each test gets a fresh one.</summary>
    /// <returns>The connector.</returns>
    protected abstract IMarketplaceConnector CreateConnector();

    /// <summary>How the checks exercise the connector; override to supply <see cref="ConnectorConformanceOptions.ValidAction"/> or <see cref="ConnectorConformanceOptions.Observe"/>.</summary>
    /// <returns>The options; <see cref="ConnectorConformanceOptions.IncludeApplyChecks"/> is then set from <see cref="AppliesActions"/>.</returns>
    protected virtual ConnectorConformanceOptions CreateOptions() => new();

    /// <summary>Check <see cref="ConformanceCheckNames.Capabilities"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task CapabilitiesAreValid() => AssertCheckAsync(ConformanceCheckNames.Capabilities);

    /// <summary>Check <see cref="ConformanceCheckNames.PullPagination"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task PaginationIsComplete() => AssertCheckAsync(ConformanceCheckNames.PullPagination);

    /// <summary>Check <see cref="ConformanceCheckNames.PullRepeatable"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task PullsAreRepeatable() => AssertCheckAsync(ConformanceCheckNames.PullRepeatable);

    /// <summary>Check <see cref="ConformanceCheckNames.PullMatchesCapabilities"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task PullsMatchTheCapabilities() => AssertCheckAsync(ConformanceCheckNames.PullMatchesCapabilities);

    /// <summary>Check <see cref="ConformanceCheckNames.ApplyBatchLimit"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task AFullBatchGetsOneResultPerAction() => AssertCheckAsync(ConformanceCheckNames.ApplyBatchLimit);

    /// <summary>Check <see cref="ConformanceCheckNames.ApplyIdempotent"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task TheSameKeyTwiceChangesNothing() => AssertCheckAsync(ConformanceCheckNames.ApplyIdempotent);

    /// <summary>Check <see cref="ConformanceCheckNames.ApplyUnsupportedKind"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task UnsupportedKindsAreRejected() => AssertCheckAsync(ConformanceCheckNames.ApplyUnsupportedKind);

    /// <summary>Check <see cref="ConformanceCheckNames.ApplyErrorMapping"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task MarketplaceRefusalsAreRejectedResults() => AssertCheckAsync(ConformanceCheckNames.ApplyErrorMapping);

    /// <summary>Check <see cref="ConformanceCheckNames.Cancellation"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task CancellationIsHonoured() => AssertCheckAsync(ConformanceCheckNames.Cancellation);

    /// <summary>Runs one named check and fails the test with the check's name and message when it fails.</summary>
    /// <param name="checkName">One of <see cref="ConformanceCheckNames.Connector"/>.</param>
    /// <returns>The result, for a derived test that wants to look further.</returns>
    protected async Task<ConformanceCheckResult> AssertCheckAsync(string checkName)
    {
        var options = CreateOptions() with { IncludeApplyChecks = AppliesActions };
        var result = await new ConnectorConformance(CreateConnector, options).RunAsync(checkName);
        // A check that could not run is reported as skipped, never as passed.
        Skip.If(result.Outcome == ConformanceOutcome.Skipped, result.ToString());
        Assert.True(result.Outcome == ConformanceOutcome.Passed, result.ToString());
        return result;
    }
}
