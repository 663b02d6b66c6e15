using System.Reflection;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Plugins;
using Xunit;

namespace Marketpilot.Sdk.TestKit;

/// <summary>
/// Fails when the test project forgot to derive one of the kit's suites. Derive it once per test project; when the
/// kit gains a suite, this test names it until you derive it (or list it in <see cref="IgnoredSuites"/>).
/// </summary>
/// <remarks>
/// A suite for one plugin kind (<see cref="ConnectorConformanceTests"/> for <c>connector</c>, <see cref="ChannelConformanceTests"/>
/// for <c>channel</c>) is required only when the <c>plugin.json</c> in <see cref="PluginFolder"/> declares that kind; without a
/// readable manifest every suite is required.
/// </remarks>
public abstract class ConformanceSuiteCoverageTests
{
    /// <summary>Suites this project deliberately does not derive.</summary>
    protected virtual IReadOnlyCollection<Type> IgnoredSuites => [];

    /// <summary>
    /// The folder whose <c>plugin.json</c> says which kinds the plugin has. The default is the test's output folder, where a
    /// referenced plugin project's <c>plugin.json</c> lands; <see langword="null"/> requires every suite.
    /// </summary>
    protected virtual string? PluginFolder => AppContext.BaseDirectory;

    /// <summary>Every abstract suite of the kit: public abstract classes whose name ends with <c>Tests</c>, except this one.</summary>
    public static IReadOnlyList<Type> Suites { get; } =
        [.. typeof(ConformanceSuiteCoverageTests).Assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: false, IsInterface: false } && t.Name.EndsWith("Tests", StringComparison.Ordinal) && t != typeof(ConformanceSuiteCoverageTests))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>Fails naming each suite that no public class of this test assembly derives.</summary>
    [Fact]
    public void EveryConformanceSuiteIsDerived()
    {
        var kinds = PluginFolder is null ? null : PluginManifestConformance.ReadKinds(PluginFolder, out _);
        var missing = FindMissingSuites(GetType().Assembly, IgnoredSuites, kinds);
        Assert.True(missing.Count == 0, $"Derive these conformance suites in {GetType().Assembly.GetName().Name} (a public class each): {string.Join(", ", missing.Select(t => t.FullName))}");
    }

    /// <summary>Lists the kit's suites that <paramref name="testAssembly"/> does not derive with a public, non-abstract class.</summary>
    /// <param name="testAssembly">The vendor's test assembly.</param>
    /// <param name="ignored">Suites not to require.</param>
    /// <returns>The missing suites; empty when every suite is derived or ignored.</returns>
    public static IReadOnlyList<Type> FindMissingSuites(Assembly testAssembly, IEnumerable<Type>? ignored = null) =>
        FindMissingSuites(testAssembly, ignored, pluginKinds: null);

    /// <summary>
    /// Lists the kit's suites that <paramref name="testAssembly"/> does not derive with a public, non-abstract class, leaving out
    /// the suites for plugin kinds the plugin does not declare.
    /// </summary>
    /// <param name="testAssembly">The vendor's test assembly.</param>
    /// <param name="ignored">Suites not to require.</param>
    /// <param name="pluginKinds">The kinds the plugin's manifest declares (<c>connector</c>, <c>channel</c>); <see langword="null"/> requires the suites of every kind.</param>
    /// <returns>The missing suites; empty when every required suite is derived or ignored.</returns>
    public static IReadOnlyList<Type> FindMissingSuites(Assembly testAssembly, IEnumerable<Type>? ignored, IReadOnlyCollection<string>? pluginKinds)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        var skip = (ignored ?? []).ToHashSet();
        var concrete = testAssembly.GetTypes().Where(t => t is { IsAbstract: false } && (t.IsPublic || t.IsNestedPublic)).ToList();
        return [.. Suites.Where(s => !skip.Contains(s) && AppliesTo(s, pluginKinds) && !concrete.Any(s.IsAssignableFrom))];
    }

    private static bool AppliesTo(Type suite, IReadOnlyCollection<string>? pluginKinds)
    {
        var kind = suite == typeof(ConnectorConformanceTests) ? PluginKinds.Connector
            : suite == typeof(ChannelConformanceTests) ? PluginKinds.Channel
            : null;
        return kind is null || pluginKinds is null || pluginKinds.Contains(kind, StringComparer.Ordinal);
    }
}
