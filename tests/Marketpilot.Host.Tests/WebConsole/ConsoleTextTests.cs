extern alias host;

using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Marketpilot.Host.Tests.Support;
using ConsoleText = host::Marketpilot.Host.WebConsole.ConsoleText;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>Every text the console's pages show has a Russian translation, read from the pages themselves.</summary>
public sealed partial class ConsoleTextTests
{
    // Words that read the same in Russian.
    private static readonly HashSet<string> Same = ["SKU"];

    private static readonly ResourceManager Texts = new(typeof(ConsoleText).FullName!, typeof(ConsoleText).Assembly);

    [Fact]
    public void EveryTextOnThePagesHasARussianTranslation()
    {
        var folder = Path.Combine(RepoPaths.Root, "host", "Marketpilot.Host", "WebConsole");
        var keys = Directory.EnumerateFiles(folder, "*.cs*", SearchOption.AllDirectories)
            .SelectMany(file => Key().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var untranslated = keys.Where(key => !Same.Contains(key) && !Translated(key)).ToList();

        Assert.True(keys.Count > 100, $"only {keys.Count} texts found in {folder}");
        Assert.Empty(untranslated);
    }

    [Fact]
    public void TheNamesThePagesShowFromDataHaveRussianTranslationsToo()
    {
        string[] names =
        [
            .. Marketpilot.Actions.ActionStatusNames.All, .. Marketpilot.Scripting.Metadata.RuleModeNames.All,
            .. Enum.GetNames<Marketpilot.Plugins.PluginStatus>().Select(n => n.ToLowerInvariant()), "quarantined", "not compiled",
            Marketpilot.Experiments.KpiNames.Conversion, Marketpilot.Experiments.KpiNames.Orders, Marketpilot.Experiments.KpiNames.Revenue,
            Marketpilot.Experiments.KpiNames.Margin, Marketpilot.Experiments.KpiNames.MarginRate, Marketpilot.Experiments.KpiNames.StockOuts,
            Marketpilot.Experiments.KpiNames.ReturnRate,
        ];

        Assert.DoesNotContain(names, name => !Translated(name));
    }

    private static bool Translated(string key) => Texts.GetString(key, new CultureInfo("ru")) is { } ru && ru != key;

    [GeneratedRegex("""T\["([^"]+)"\]""")]
    private static partial Regex Key();
}
