using System.Reflection;
using Xunit;

namespace Marketpilot.Sdk.TestKit;

/// <summary>
/// Fails when the test project forgot to derive one of the kit's suites. Derive it once per test project; when the
/// kit gains a suite, this test names it until you derive it (or list it in <see cref="IgnoredSuites"/>).
/// </summary>
public abstract class ConformanceSuiteCoverageTests
{
    /// <summary>Suites this project deliberately does not derive, for example <see cref="ConnectorConformanceTests"/> in a channel plugin's tests.</summary>
    protected virtual IReadOnlyCollection<Type> IgnoredSuites => [];

    /// <summary>Every abstract suite of the kit: public abstract classes whose name ends with <c>Tests</c>, except this one.</summary>
    public static IReadOnlyList<Type> Suites { get; } =
        [.. typeof(ConformanceSuiteCoverageTests).Assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: false, IsInterface: false } && t.Name.EndsWith("Tests", StringComparison.Ordinal) && t != typeof(ConformanceSuiteCoverageTests))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>Fails naming each suite that no public class of this test assembly derives.</summary>
    [Fact]
    public void EveryConformanceSuiteIsDerived()
    {
        var missing = FindMissingSuites(GetType().Assembly, IgnoredSuites);
        Assert.True(missing.Count == 0, $"Derive these conformance suites in {GetType().Assembly.GetName().Name} (a public class each): {string.Join(", ", missing.Select(t => t.FullName))}");
    }

    /// <summary>Lists the kit's suites that <paramref name="testAssembly"/> does not derive with a public, non-abstract class.</summary>
    /// <param name="testAssembly">The vendor's test assembly.</param>
    /// <param name="ignored">Suites not to require.</param>
    /// <returns>The missing suites; empty when every suite is derived or ignored.</returns>
    public static IReadOnlyList<Type> FindMissingSuites(Assembly testAssembly, IEnumerable<Type>? ignored = null)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        var skip = (ignored ?? []).ToHashSet();
        var concrete = testAssembly.GetTypes().Where(t => t is { IsAbstract: false } && (t.IsPublic || t.IsNestedPublic)).ToList();
        return [.. Suites.Where(s => !skip.Contains(s) && !concrete.Any(s.IsAssignableFrom))];
    }
}
