namespace Marketpilot.Scripting.Runtime;

// Sequences handed to library code: the library's own loop over them runs between two injected checks,
// so each element it takes is counted as a step (and probes the stack) on the way.
public static partial class RuleBudget
{
    /// <summary>
    /// A sequence a library call is about to consume, counted one step per element it takes: infinite or
    /// huge lazy sequences, long chains of operators and elements that cost a lot to hash or compare
    /// (long strings) are stopped by the step, time and stack budgets instead of running inside one call.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The sequence; <see langword="null"/> is passed through for the library to refuse.</param>
    /// <returns>The counted sequence.</returns>
    public static IEnumerable<T> Counted<T>(IEnumerable<T> source) => source switch
    {
        null => source!,
        CountedSequence<T> or CountedCollection<T> => source,
        ICollection<T> collection => new CountedCollection<T>(collection),
        _ => new CountedSequence<T>(source),
    };

    /// <summary>The operand of a spread (<c>[.. items]</c>): a collection is counted against the allocation budget before it is copied, any other sequence as it is taken.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The spread operand.</param>
    /// <param name="elementSize">An estimate of one element's size in bytes.</param>
    /// <returns>The operand, counted.</returns>
    public static IEnumerable<T> Spread<T>(IEnumerable<T> items, int elementSize)
    {
        var count = items switch
        {
            ICollection<T> collection => collection.Count,
            IReadOnlyCollection<T> collection => collection.Count,
            _ => -1,
        };
        if (count < 0)
        {
            return Counted(items);
        }

        var meter = Meter();
        if ((meter.PendingBytes += (long)count * elementSize) > meter.PendingLimit)
        {
            meter.CheckPending();
        }

        return items;
    }

    /// <summary>Charges <paramref name="steps"/> at once, for library work that loops that many times.</summary>
    internal static void Charge(long steps) => Meter().Charge(steps);
}
