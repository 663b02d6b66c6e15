using System.Collections;

namespace Marketpilot.Scripting.Runtime;

/// <summary>A sequence whose enumeration counts one budget step per element; see <see cref="RuleBudget.Counted{T}"/>.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="source">The sequence counted.</param>
internal sealed class CountedSequence<T>(IEnumerable<T> source) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator() => new Enumerator(source.GetEnumerator());

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Counts a step before each element is taken, and the length of each string taken.</summary>
    /// <param name="inner">The source's enumerator.</param>
    internal sealed class Enumerator(IEnumerator<T> inner) : IEnumerator<T>
    {
        public T Current => inner.Current;

        object? IEnumerator.Current => inner.Current;

        public bool MoveNext()
        {
            RuleBudget.Tick();
            if (!inner.MoveNext())
            {
                return false;
            }

            // Whatever the library does with a string (hash it, compare it, copy it) costs its length.
            if (inner.Current is string { Length: >= RuleBudget.CharsPerStep } text)
            {
                RuleBudget.Charge(text.Length / RuleBudget.CharsPerStep);
            }

            return true;
        }

        public void Reset() => inner.Reset();

        public void Dispose() => inner.Dispose();
    }
}
