using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.TestKit;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Plugins.Tests;

/// <summary>The manifest fields beyond id and versions: kinds, configuration keys, SemVer, and agreement with the conformance kit.</summary>
public sealed class PluginManifestFieldsTests
{
    private static readonly string EntryFolder = AppContext.BaseDirectory;
    private static readonly Version Host = new(0, 1, 0);

    private static PluginManifest Manifest() => new()
    {
        Id = "demo",
        Version = "1.0.0",
        SdkVersion = "0.1",
        EntryAssembly = "Marketpilot.Plugins.dll",
        Kinds = [PluginKinds.Connector],
    };

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.1.0-beta.1")]
    [InlineData("2.3.4+build.5")]
    public void SemVerVersionsPass(string version)
    {
        Assert.Null((Manifest() with { Version = version }).Validate(EntryFolder, Host));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("01.0.0")]
    [InlineData("v1.0.0")]
    public void OtherVersionsFail(string version)
    {
        Assert.Contains("not a SemVer version", (Manifest() with { Version = version }).Validate(EntryFolder, Host), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKindsFail()
    {
        Assert.Contains("'exporter' are not known", (Manifest() with { Kinds = ["connector", "exporter"] }).Validate(EntryFolder, Host), StringComparison.Ordinal);
    }

    [Fact]
    public void NoKindsStillLoad()
    {
        // Older manifests did not declare kinds; the host loads them, the conformance kit asks for kinds.
        Assert.Null((Manifest() with { Kinds = [] }).Validate(EntryFolder, Host));
    }

    [Theory]
    [InlineData(":ApiKey", "is not valid")]
    [InlineData("Api Key", "is not valid")]
    [InlineData("", "is not valid")]
    [InlineData("MarketpilotHost:StateDirectory", "is reserved")]
    [InlineData("marketpilothost", "is reserved")]
    public void MalformedConfigurationKeysFail(string key, string reason)
    {
        var manifest = Manifest() with { Configuration = [new() { Key = key }] };

        Assert.Contains(reason, manifest.Validate(EntryFolder, Host), StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationKeysDeclaredTwiceFail()
    {
        var manifest = Manifest() with { Configuration = [new() { Key = "ApiKey" }, new() { Key = "apikey" }] };

        Assert.Contains("declared more than once", manifest.Validate(EntryFolder, Host), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRequiredKeyIsNamedButNeverItsValue()
    {
        var manifest = Manifest() with
        {
            Configuration = [new() { Key = "ApiKey", Required = true, Secret = true }, new() { Key = "ShopId", Required = true }, new() { Key = "Region" }],
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Marketpilot:Plugins:demo:ShopId"] = "shop-secret-looking-value",
        }).Build();

        var reason = manifest.Validate(EntryFolder, Host, configuration.GetSection(manifest.ConfigurationSection));

        Assert.Equal("Required configuration is missing: Marketpilot:Plugins:demo:ApiKey.", reason);
        Assert.Equal(["ApiKey"], manifest.FindMissingConfiguration(configuration.GetSection(manifest.ConfigurationSection)));
    }

    [Fact]
    public void ReadParsesTheNewFields()
    {
        var folder = Directory.CreateTempSubdirectory("mp-manifest-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, PluginManifest.FileName), """
                { "id": "acme", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["connector"], "author": "Acme Ltd",
                  "configuration": [ { "key": "ApiKey", "description": "API token", "required": true, "secret": true } ] }
                """);

            var manifest = PluginManifest.Read(folder, out var reason);

            Assert.Null(reason);
            Assert.Equal("Acme Ltd", manifest!.Author);
            Assert.Equal(new PluginConfigurationKey { Key = "ApiKey", Description = "API token", Required = true, Secret = true }, manifest.Configuration.Single());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The host and the conformance kit apply the same rules: a manifest the kit passes loads, one it fails does not.
    [Theory]
    [InlineData("""{ "id": "acme", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["connector"] }""", true)]
    [InlineData("""{ "id": "Acme", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["connector"] }""", false)]
    [InlineData("""{ "id": "acme", "version": "1.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["connector"] }""", false)]
    [InlineData("""{ "id": "acme", "version": "1.0.0", "sdkVersion": "0.2", "entryAssembly": "Acme.dll", "kinds": ["connector"] }""", false)]
    [InlineData("""{ "id": "acme", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["importer"] }""", false)]
    [InlineData("""{ "id": "acme", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "Gone.dll", "kinds": ["channel"] }""", false)]
    [InlineData("""{ "id": "acme", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["channel"], "configuration": [ { "key": "a::b" } ] }""", false)]
    public void TheHostAndTheConformanceKitAgree(string json, bool valid)
    {
        var folder = Directory.CreateTempSubdirectory("mp-manifest-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, PluginManifest.FileName), json);
            File.WriteAllText(Path.Combine(folder, "Acme.dll"), "");

            var host = PluginManifest.Read(folder, out _)!.Validate(folder, Host);
            var kit = PluginManifestConformance.Check(folder, checkShippedAssemblies: false, Host);

            Assert.Equal(valid, host is null);
            Assert.Equal(valid, kit.All(r => r.Succeeded));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
