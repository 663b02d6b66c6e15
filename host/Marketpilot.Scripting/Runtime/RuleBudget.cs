using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace Marketpilot.Scripting.Runtime;

/// <summary>
/// The budget checks the rule compiler injects into every rule: at loop iterations and <c>goto</c>s
/// (<see cref="Tick"/>), at entries into lambdas and local functions (<see cref="Enter"/> and
/// <see cref="Leave"/>), in <c>catch</c> filters and <c>finally</c> blocks (<see cref="IsStopped"/>),
/// and around array sizes and sequence generators. Not for use by hand: rules cannot see this type.
/// </summary>
/// <remarks>
/// The budget of the evaluation running on the current thread is found through a thread-static
/// reference to the thread's meter, which the host arms for the duration of one evaluation; outside
/// an evaluation every check throws, so rule code can never run unbudgeted.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class RuleBudget
{
    [ThreadStatic]
    private static BudgetMeter? t_current;

    /// <summary>Whether the current evaluation has been stopped; injected <c>catch</c> filters and <c>finally</c> blocks test it.</summary>
    public static bool IsStopped => t_current is not { IsStopped: false };

    internal static BudgetMeter? Current
    {
        get => t_current;
        set => t_current = value;
    }

    // Every check also compares the address of one of its locals with the meter's stack limit: recursion
    // of any shape (iterators, lambdas, local functions, library calls between them) and large frames
    // are stopped before the stack overflows, which would end the process.

    /// <summary>Counts one step (a loop iteration, a <c>goto</c>, an iterator's start) and probes the stack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Tick()
    {
        var meter = t_current;
        byte marker;
        if (meter is null || (++meter.Steps >= meter.NextCheck) | ((nuint)(&marker) < meter.StackLimit))
        {
            Slow(meter);
        }
    }

    /// <summary>Counts a step and one level of depth, and probes the stack, on entry into a lambda or local function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Enter()
    {
        var meter = t_current;
        byte marker;
        if (meter is null)
        {
            SlowEnter(meter);
            return;
        }

        var depth = ++meter.Depth;
        if ((++meter.Steps >= meter.NextCheck) | (depth > meter.MaxDepth) | ((nuint)(&marker) < meter.StackLimit))
        {
            SlowEnter(meter);
        }
    }

    /// <summary>Gives back the level of depth taken by <see cref="Enter"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Leave()
    {
        var meter = t_current;
        if (meter is not null)
        {
            meter.Depth--;
        }
    }

    /// <summary>Checks an array length against the allocation budget before the array is created.</summary>
    /// <param name="length">The requested length.</param>
    /// <param name="elementSize">An estimate of one element's size in bytes.</param>
    /// <returns><paramref name="length"/>.</returns>
    public static int ArrayLength(int length, int elementSize)
    {
        Meter().CheckAllocations((long)length * elementSize);
        return length;
    }

    /// <summary>Checks an array length against the allocation budget before the array is created.</summary>
    /// <param name="length">The requested length.</param>
    /// <param name="elementSize">An estimate of one element's size in bytes.</param>
    /// <returns><paramref name="length"/>.</returns>
    public static long ArrayLength(long length, int elementSize)
    {
        Meter().CheckAllocations(length > int.MaxValue ? -1 : length * elementSize);
        return length;
    }

    /// <summary><see cref="Enumerable.Range"/>, charged one step per element up front.</summary>
    /// <param name="start">The first value.</param>
    /// <param name="count">How many values.</param>
    /// <returns>The sequence.</returns>
    public static IEnumerable<int> Range(int start, int count)
    {
        Meter().Charge(count);
        return Enumerable.Range(start, count);
    }

    /// <summary><see cref="Enumerable.Repeat{TResult}"/>, charged one step per element up front.</summary>
    /// <typeparam name="TResult">The element type.</typeparam>
    /// <param name="element">The value to repeat.</param>
    /// <param name="count">How many times.</param>
    /// <returns>The sequence.</returns>
    public static IEnumerable<TResult> Repeat<TResult>(TResult element, int count)
    {
        Meter().Charge(count);
        return Enumerable.Repeat(element, count);
    }

    /// <summary><see cref="string.Join(string?, IEnumerable{string?})"/>, checking the allocation budget as the result grows.</summary>
    /// <param name="separator">The separator.</param>
    /// <param name="values">The values.</param>
    /// <returns>The joined string.</returns>
    public static string Join(string? separator, IEnumerable<string?> values) => Build(separator, values);

    /// <summary><see cref="string.Join(char, string?[])"/> over any sequence, checking the allocation budget as the result grows.</summary>
    /// <param name="separator">The separator.</param>
    /// <param name="values">The values.</param>
    /// <returns>The joined string.</returns>
    public static string Join(char separator, IEnumerable<string?> values) => Build(separator.ToString(), values);

    /// <summary><see cref="string.Join{T}(string?, IEnumerable{T})"/>, checking the allocation budget as the result grows.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="separator">The separator.</param>
    /// <param name="values">The values.</param>
    /// <returns>The joined string.</returns>
    public static string Join<T>(string? separator, IEnumerable<T> values) => Build(separator, values.Select(v => v?.ToString()));

    /// <summary><see cref="string.Join{T}(char, IEnumerable{T})"/>, checking the allocation budget as the result grows.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="separator">The separator.</param>
    /// <param name="values">The values.</param>
    /// <returns>The joined string.</returns>
    public static string Join<T>(char separator, IEnumerable<T> values) => Build(separator.ToString(), values.Select(v => v?.ToString()));

    /// <summary><see cref="string.Concat(IEnumerable{string?})"/>, checking the allocation budget as the result grows.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The concatenation.</returns>
    public static string Concat(IEnumerable<string?> values) => Build(null, values);

    /// <summary><see cref="string.Concat{T}(IEnumerable{T})"/>, checking the allocation budget as the result grows.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The values.</param>
    /// <returns>The concatenation.</returns>
    public static string Concat<T>(IEnumerable<T> values) => Build(null, values.Select(v => v?.ToString()));

    /// <summary><see cref="string.Replace(string, string?)"/>, refused up front when the result could outgrow the allocation budget.</summary>
    /// <param name="text">The string.</param>
    /// <param name="oldValue">What to replace; not empty.</param>
    /// <param name="newValue">The replacement.</param>
    /// <returns>The new string.</returns>
    public static string Replace(string text, string oldValue, string? newValue) => Replace(text, oldValue, newValue, StringComparison.Ordinal);

    /// <summary><see cref="string.Replace(string, string?, StringComparison)"/>, refused up front when the result could outgrow the allocation budget.</summary>
    /// <param name="text">The string.</param>
    /// <param name="oldValue">What to replace; not empty.</param>
    /// <param name="newValue">The replacement.</param>
    /// <param name="comparison">How to match; the sandbox admits only ordinal comparisons here.</param>
    /// <returns>The new string.</returns>
    public static string Replace(string text, string oldValue, string? newValue, StringComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(oldValue);
        CheckReplacement(text.Length, oldValue, newValue);
        return text.Replace(oldValue, newValue, comparison);
    }

    /// <summary><see cref="StringBuilder.Replace(string, string?)"/>, refused up front when the result could outgrow the allocation budget.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="oldValue">What to replace; not empty.</param>
    /// <param name="newValue">The replacement.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static StringBuilder Replace(StringBuilder builder, string oldValue, string? newValue)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(oldValue);
        CheckReplacement(builder.Length, oldValue, newValue);
        return builder.Replace(oldValue, newValue);
    }

    /// <summary>Checks the bytes allocated so far against the budget, after an operation that may have built a value a few times the size of its inputs.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">What the operation built.</param>
    /// <returns><paramref name="value"/>.</returns>
    public static T Allocated<T>(T value)
    {
        Allocated();
        return value;
    }

    /// <summary>Checks the bytes allocated so far against the budget, after a call that may have grown its receiver.</summary>
    public static void Allocated()
    {
        var meter = Meter();
        meter.PendingBytes = 0;
        meter.CheckAllocations(0);
    }

    /// <summary>Checks a character count (a new <see cref="StringBuilder.Length"/>) against the allocation budget before it is applied.</summary>
    /// <param name="length">The requested length or increase.</param>
    /// <returns><paramref name="length"/>.</returns>
    public static int Chars(int length)
    {
        if (length > 0)
        {
            Meter().CheckAllocations(2L * length);
        }

        return length;
    }

    // Every occurrence of oldValue could become newValue: the result's worst case, checked before building it.
    private static void CheckReplacement(int length, string oldValue, string? newValue)
    {
        Search(length, oldValue.Length);
        var growth = (long)(newValue?.Length ?? 0) - oldValue.Length;
        if (growth > 0)
        {
            Meter().CheckAllocations(2L * (length + (length / oldValue.Length * growth)));
        }
    }

    private static string Build(string? separator, IEnumerable<string?> values)
    {
        var meter = Meter();
        var result = new System.Text.StringBuilder();
        var first = true;
        foreach (var value in values)
        {
            meter.CheckAllocations(2L * (result.Length + (separator?.Length ?? 0) + (value?.Length ?? 0)));
            if (!first)
            {
                result.Append(separator);
            }

            result.Append(value);
            first = false;
        }

        return result.ToString();
    }

    private static BudgetMeter Meter() =>
        t_current is { IsActive: true } meter ? meter : throw new RuleBudgetExceededException("rule code ran outside an evaluation");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Slow(BudgetMeter? meter)
    {
        if (meter is null)
        {
            throw new RuleBudgetExceededException("rule code ran outside an evaluation");
        }

        meter.Check();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SlowEnter(BudgetMeter? meter)
    {
        if (meter is null)
        {
            throw new RuleBudgetExceededException("rule code ran outside an evaluation");
        }

        if (meter.Steps >= meter.NextCheck)
        {
            meter.Check();
        }

        meter.CheckDepth();
    }

}
