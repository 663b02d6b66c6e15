using System.Xml.Linq;
using Marketpilot.Templates.Tests.Support;

namespace Marketpilot.Templates.Tests;

/// <summary>The template content stays in step with the repository it is packed from.</summary>
public sealed class TemplateContentTests
{
    private static string Content => Path.Combine(Repo.Root, "sdk", "templates", "content");

    [Fact]
    public void TheRulesTemplatesIdeGlobalsAreTheRepositorysButForTheSdkReference()
    {
        var repository = File.ReadAllLines(Path.Combine(Repo.Root, "scripts", "ide", "globals.csx"));
        var template = File.ReadAllLines(Path.Combine(Content, "rules", "ide", "globals.csx"));

        Assert.Equal(repository.Length, template.Length);
        var differing = repository.Zip(template).Where(p => p.First != p.Second).ToList();
        Assert.All(differing, p => Assert.True(p.Second.StartsWith("#r ", StringComparison.Ordinal) || p.Second.StartsWith("// ", StringComparison.Ordinal), $"'{p.Second}' differs from scripts/ide/globals.csx"));
        Assert.Contains("#r \"MARKETPILOT_SDK_ASSEMBLY\"", template);
    }

    [Fact]
    public void TheConnectorTemplatesTestPackagesHaveTheRepositorysVersions()
    {
        var central = XDocument.Load(Path.Combine(Repo.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        var project = XDocument.Load(Path.Combine(Content, "connector", "MyCompany.Connectors.Acme.Tests", "MyCompany.Connectors.Acme.Tests.csproj"));

        var pinned = project.Descendants("PackageReference").Where(e => e.Attribute("Include")!.Value.StartsWith("Microsoft.NET.Test.Sdk", StringComparison.Ordinal) || e.Attribute("Include")!.Value.StartsWith("xunit", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(pinned);
        Assert.All(pinned, e => Assert.Equal(central[(string)e.Attribute("Include")!], (string?)e.Attribute("Version")));
    }
}
