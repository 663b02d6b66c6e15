using System.Globalization;

namespace Marketpilot.Scripting;

/// <summary>The run-time budgets of one evaluation of a rule on one SKU.</summary>
/// <remarks>
/// A rule is stopped, and its run ends <see cref="Sdk.Rules.RuleOutcome.TimedOut"/> with the reason, as soon as
/// one budget is spent. Steps are counted by checks the compiler injects at every loop iteration,
/// backwards <c>goto</c>, start of an iterator and entry into a lambda or local function, and by library
/// calls in proportion to their input; the clock and the allocated bytes are sampled every few steps, so
/// they are a backstop rather than an exact limit. Every check also stops a rule that has used 512 KiB
/// of stack, whatever its depth.
/// </remarks>
/// <param name="MaxSteps">Loop iterations, <c>goto</c>s and calls one evaluation may make; positive.</param>
/// <param name="MaxDepth">How deeply lambdas and local functions may nest or recurse; positive.</param>
/// <param name="MaxAllocatedBytes">Bytes one evaluation may allocate on the managed heap; positive.</param>
/// <param name="Timeout">Wall-clock time one evaluation may take; positive.</param>
public sealed record RuleLimits(long MaxSteps, int MaxDepth, long MaxAllocatedBytes, TimeSpan Timeout)
{
    /// <summary>The defaults: 1,000,000 steps, depth 100, 16 MiB, 1 second.</summary>
    public static RuleLimits Default { get; } = new(1_000_000, 100, 16L * 1024 * 1024, TimeSpan.FromSeconds(1));

    /// <summary>The highest budgets a rule may ask for when no host options say otherwise: ten times <see cref="Default"/>.</summary>
    public static RuleLimits DefaultCeiling { get; } = new(10_000_000, 1_000, 160L * 1024 * 1024, TimeSpan.FromSeconds(10));

    /// <summary>These limits, each lowered to at most the matching one of <paramref name="maxima"/>.</summary>
    /// <param name="maxima">The host's maxima.</param>
    /// <returns>The capped limits.</returns>
    public RuleLimits CappedBy(RuleLimits maxima)
    {
        ArgumentNullException.ThrowIfNull(maxima);

        return new RuleLimits(
            Math.Min(MaxSteps, maxima.MaxSteps),
            Math.Min(MaxDepth, maxima.MaxDepth),
            Math.Min(MaxAllocatedBytes, maxima.MaxAllocatedBytes),
            Timeout < maxima.Timeout ? Timeout : maxima.Timeout);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{MaxSteps} steps, depth {MaxDepth}, {MaxAllocatedBytes} bytes, {Timeout.TotalMilliseconds:0} ms");
}
