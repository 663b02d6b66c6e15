using System.Collections;

namespace Marketpilot.Scripting.Runtime;

/// <summary>
/// A collection whose enumeration counts one budget step per element; see <see cref="RuleBudget.Counted{T}"/>.
/// It stays a collection, so library calls that copy one (<c>AddRange</c>, <c>ToList</c>, <c>Order</c>) still copy it in
/// one go, charged its count (or its strings' length) up front, and a list added to itself is copied as before instead
/// of enumerated while it grows.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="source">The collection counted.</param>
internal sealed class CountedCollection<T>(ICollection<T> source) : ICollection<T>, IReadOnlyCollection<T>
{
    public int Count => source.Count;

    public bool IsReadOnly => true;

    public IEnumerator<T> GetEnumerator() => new CountedSequence<T>.Enumerator(source.GetEnumerator());

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Contains(T item)
    {
        RuleBudget.ChargeElements(source);
        return source.Contains(item);
    }

    // Copying is cheap, but what the library does next with the copy (sort it, for Order) compares every element.
    public void CopyTo(T[] array, int arrayIndex)
    {
        RuleBudget.ChargeElements(source);
        source.CopyTo(array, arrayIndex);
    }

    public void Add(T item) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public bool Remove(T item) => throw new NotSupportedException();
}
