using System.Runtime.CompilerServices;

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

    /// <summary>The key comparer the compiler hands every hashed collection and hashing LINQ operator a rule uses; see <see cref="BudgetedKeys{T}"/>.</summary>
    /// <typeparam name="T">The key type, as the call has it (<see cref="object"/> only for one that cannot be spelled and whose call shows no source to take it from).</typeparam>
    /// <returns>The comparer.</returns>
    public static IEqualityComparer<T> Keys<T>() => BudgetedKeys<T>.Instance;

    /// <summary>
    /// <see cref="Keys{T}"/> for keys that are the elements of a sequence whose type the compiler cannot spell (anonymous):
    /// the type comes from <paramref name="like"/>, which the compiled rule never evaluates (<c>false ? source : default</c>).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="like">Stands for the hashed sequence; <see langword="null"/>.</param>
    /// <returns>The comparer.</returns>
    public static IEqualityComparer<T> KeysLike<T>(IEnumerable<T>? like) => BudgetedKeys<T>.Instance;

    /// <summary>
    /// <see cref="Keys{T}"/> for keys a selector returns whose type the compiler cannot spell (anonymous): the type comes
    /// from <paramref name="selector"/>, which is never invoked, over the elements of <paramref name="like"/>, never evaluated.
    /// </summary>
    /// <typeparam name="TSource">The element type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="like">Stands for the sequence the selector reads; <see langword="null"/>.</param>
    /// <param name="selector">The call's key selector.</param>
    /// <returns>The comparer.</returns>
    public static IEqualityComparer<TKey> KeysBy<TSource, TKey>(IEnumerable<TSource>? like, Func<TSource, TKey> selector) => BudgetedKeys<TKey>.Instance;

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

    /// <summary>
    /// A collection of strings or tuples a library call is about to compare element by element
    /// (<c>Sort</c>, <c>Contains</c>, <c>IndexOf</c>): charged one step per element and per 64 characters
    /// of its text, times log n for a sort, before the call, since comparing two long strings that differ
    /// only at the end costs their length and the call has no check inside.
    /// </summary>
    /// <typeparam name="TCollection">The collection's type, kept so the call binds as before.</typeparam>
    /// <param name="collection">The collection.</param>
    /// <param name="sorts">Whether the call sorts it.</param>
    /// <returns><paramref name="collection"/>.</returns>
    public static TCollection Scanned<TCollection>(TCollection collection, bool sorts)
        where TCollection : System.Collections.IEnumerable?
    {
        if (collection is not null)
        {
            Charge(ElementSteps(collection, sorts));
        }

        return collection;
    }

    /// <summary>Charges what a library call that copies or compares every element of a collection costs: its count, or for text its length.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The collection.</param>
    internal static void ChargeElements<T>(ICollection<T> items) =>
        Charge(typeof(T) == typeof(string) || typeof(T) == typeof(object) || typeof(ITuple).IsAssignableFrom(typeof(T)) ? ElementSteps(items, sorts: false) : items.Count);

    /// <summary>One step per 64 characters of the text a value holds: a string, or the strings in a tuple.</summary>
    /// <param name="value">The value.</param>
    /// <param name="depth">How deeply nested in a tuple.</param>
    /// <returns>The steps.</returns>
    internal static long TextSteps(object? value, int depth = 0) => value switch
    {
        string text => text.Length / CharsPerStep,
        ITuple tuple when depth < 8 => Enumerable.Range(0, tuple.Length).Sum(i => TextSteps(tuple[i], depth + 1)),
        _ => 0,
    };

    private static long ElementSteps(System.Collections.IEnumerable items, bool sorts)
    {
        var steps = 0L;
        var count = 0u;
        foreach (var item in items)
        {
            steps += 1 + TextSteps(item);
            count++;
        }

        return sorts && count > 1 ? steps * (System.Numerics.BitOperations.Log2(count) + 1) : steps;
    }

    /// <summary>Charges <paramref name="steps"/> at once, for library work that loops that many times.</summary>
    internal static void Charge(long steps) => Meter().Charge(steps);
}
