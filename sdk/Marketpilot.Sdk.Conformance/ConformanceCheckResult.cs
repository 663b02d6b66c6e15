namespace Marketpilot.Sdk.Conformance;

/// <summary>The result of one named conformance check.</summary>
/// <param name="Name">The check's name, one of <see cref="ConformanceCheckNames"/>, for example <c>apply-idempotent</c>.</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Message">What was found: the failure, why it was skipped, or what passed (counts, sizes).</param>
public sealed record ConformanceCheckResult(string Name, ConformanceOutcome Outcome, string Message)
{
    /// <summary>Whether the check did not fail (passed or skipped).</summary>
    public bool Succeeded => Outcome != ConformanceOutcome.Failed;

    /// <summary>Formats the result as <c>PASS name: message</c>, <c>FAIL ...</c> or <c>SKIP ...</c>.</summary>
    /// <returns>The one-line form <c>marketpilot plugins verify</c> prints.</returns>
    public override string ToString() => $"{Outcome switch { ConformanceOutcome.Passed => "PASS", ConformanceOutcome.Failed => "FAIL", _ => "SKIP" }} {Name}: {Message}";

    internal static ConformanceCheckResult Pass(string name, string message) => new(name, ConformanceOutcome.Passed, message);

    internal static ConformanceCheckResult Fail(string name, string message) => new(name, ConformanceOutcome.Failed, message);

    internal static ConformanceCheckResult Skip(string name, string message) => new(name, ConformanceOutcome.Skipped, message);
}
