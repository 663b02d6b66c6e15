using System.Text.Json;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Scripting;

/// <summary>One element of the JSON array <c>rules test</c> prints, and fixtures' <c>.expected.json</c> files hold.</summary>
/// <remarks>
/// For example <c>{"sku":"ozon/shop-1/A-1","outcome":"fired","actions":[{"kind":"setPrice","price":113.64,"reason":"..."}]}</c>,
/// written with <see cref="MarketpilotJson.Options"/>. <c>messages</c> and <c>error</c> are left out when empty.
/// </remarks>
/// <param name="Sku">The SKU as <c>marketplace/shopId/sku</c>.</param>
/// <param name="Outcome">How the evaluation ended: <c>fired</c>, <c>noAction</c>, <c>failed</c> or <c>timedOut</c>.</param>
/// <param name="Actions">The proposed actions, each with its <c>kind</c>; empty unless fired.</param>
/// <param name="Messages">What the rule logged; <see langword="null"/> when nothing.</param>
/// <param name="Error">Why it failed or timed out; <see langword="null"/> otherwise.</param>
public sealed record RuleTestOutput(
    string Sku,
    RuleOutcome Outcome,
    IReadOnlyList<RuleAction> Actions,
    IReadOnlyList<string>? Messages,
    string? Error)
{
    private static readonly JsonSerializerOptions Indented = CreateIndented();

    /// <summary>Converts a result to its printed form.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The output element.</returns>
    public static RuleTestOutput From(RuleTestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        var run = result.Run;
        return new RuleTestOutput(result.Sku.ToString(), run.Outcome, run.Actions, run.Messages.Count > 0 ? run.Messages : null, run.Error);
    }

    /// <summary>Converts results to their printed form.</summary>
    /// <param name="results">The results in fixture order.</param>
    /// <returns>The output elements in the same order.</returns>
    public static IReadOnlyList<RuleTestOutput> From(IEnumerable<RuleTestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);

        return [.. results.Select(From)];
    }

    /// <summary>Formats results as the indented JSON array <c>rules test</c> prints.</summary>
    /// <param name="results">The results in fixture order.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(IEnumerable<RuleTestResult> results) => JsonSerializer.Serialize(From(results), Indented);

    private static JsonSerializerOptions CreateIndented()
    {
        var options = MarketpilotJson.Create();
        options.WriteIndented = true;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
