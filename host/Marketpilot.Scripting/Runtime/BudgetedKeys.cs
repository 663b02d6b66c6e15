namespace Marketpilot.Scripting.Runtime;

/// <summary>
/// The key comparer of every hashed collection a rule builds (see <see cref="RuleBudget.Keys{T}"/>). The library's hashes of
/// numbers, dates, tuples, anonymous types and records are not randomised: a rule can pick thousands of keys that share a
/// hash (longs <c>(i &lt;&lt; 32) | i</c>) or a bucket (multiples of the table's prime), and one <c>ToHashSet</c> or
/// <c>GroupBy</c> then compares every key with every other inside a single call, for seconds. Here each hash is mixed with
/// a seed the rule cannot see, so no chosen keys share a bucket by more than chance, and each comparison of two keys whose
/// hashes are equal is a budget step, so keys that share a whole hash are stopped by the step budget.
/// </summary>
/// <typeparam name="T">The key type.</typeparam>
internal sealed class BudgetedKeys<T> : IEqualityComparer<T>
{
    public static readonly BudgetedKeys<T> Instance = new();

    private BudgetedKeys()
    {
    }

    public bool Equals(T? x, T? y)
    {
        RuleBudget.Tick();
        return EqualityComparer<T>.Default.Equals(x, y);
    }

    // HashCode mixes with a per-process random seed; mixing one int is a bijection, so distinct hashes stay distinct.
    public int GetHashCode(T value) => HashCode.Combine(value is null ? 0 : EqualityComparer<T>.Default.GetHashCode(value));
}
