using System.Collections;
using System.Collections.Immutable;

namespace Marketpilot.Sdk.Collections;

/// <summary>
/// Makes the collections a rule can reach impossible to change: whatever a rule casts them to, it finds
/// an immutable collection or a sealed view it cannot name, never the list behind it.
/// </summary>
internal static class ReadOnlyData
{
    /// <summary>
    /// Returns <paramref name="items"/> when it is already immutable, otherwise an immutable copy, so a
    /// host that keeps its data immutable pays for no copy.
    /// </summary>
    /// <remarks>
    /// An empty list becomes the shared empty array: it has no element to overwrite and no room to add one, and
    /// LINQ over an empty array allocates nothing, which keeps a quiet evaluation allocation-free.
    /// </remarks>
    public static IReadOnlyList<T> Freeze<T>(IReadOnlyList<T> items) => items switch
    {
        { Count: 0 } => Array.Empty<T>(),
        ImmutableArray<T> or ImmutableList<T> => items,
        _ => ImmutableArray.CreateRange(items),
    };
}

/// <summary>A read-only view of a list the SDK itself changes; sealed and internal, so a rule cannot cast it back to the list.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ReadOnlyView<T>(List<T> items) : IReadOnlyList<T>
{
    public int Count => items.Count;

    public T this[int index] => items[index];

    public IEnumerator<T> GetEnumerator()
    {
        // An iterator, not List<T>.Enumerator: nothing reachable from the view leads back to the list.
        for (var i = 0; i < items.Count; i++)
        {
            yield return items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
