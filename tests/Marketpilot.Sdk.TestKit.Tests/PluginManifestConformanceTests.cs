using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Marketpilot.Sdk.Conformance;

namespace Marketpilot.Sdk.TestKit.Tests;

public sealed class PluginManifestConformanceBehaviourTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mp-manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AValidFolderPassesEveryCheck()
    {
        Write("""
            { "id": "acme", "version": "1.2.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["connector"],
              "configuration": [ { "key": "ApiKey", "required": true, "secret": true } ] }
            """);

        var results = PluginManifestConformance.Check(_folder, hostSdkVersion: new Version(0, 1, 0));

        Assert.Equal(ConformanceCheckNames.Manifest, results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Outcome == ConformanceOutcome.Passed, r.ToString()));
    }

    [Theory]
    [InlineData("""{ "id": "Acme", "version": "1.2.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["connector"] }""", "manifest-valid", "the id 'Acme' is not valid")]
    [InlineData("""{ "id": "acme", "version": "1.2", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["connector"] }""", "manifest-valid", "not a SemVer version")]
    [InlineData("""{ "id": "acme", "version": "1.2.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll" }""", "manifest-valid", "kinds is empty")]
    [InlineData("""{ "id": "acme", "version": "1.2.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["exporter"] }""", "manifest-valid", "'exporter' are not known")]
    [InlineData("""{ "id": "acme", "version": "1.2.0", "sdkVersion": "0.1", "entryAssembly": "Missing.dll", "kinds": ["channel"] }""", "manifest-valid", "'Missing.dll' is missing")]
    [InlineData("""{ "id": "acme", "version": "1.2.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["channel"], "configuration": [ { "key": "a" }, { "key": "A" } ] }""", "manifest-valid", "declared more than once")]
    [InlineData("""{ "id": "acme", "version": "1.2.0", "sdkVersion": "0.2", "entryAssembly": "Acme.dll", "kinds": ["channel"] }""", "manifest-sdk-version", "before 1.0")]
    [InlineData("""{ "id": "acme", """, "manifest-present", "cannot be read")]
    public void EachBrokenRuleFailsItsNamedCheck(string json, string check, string message)
    {
        Write(json);

        var result = PluginManifestConformance.Check(_folder, hostSdkVersion: new Version(0, 1, 0)).Single(r => r.Name == check);

        Assert.Equal(ConformanceOutcome.Failed, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderThatShipsTheSdkFails()
    {
        Write("""{ "id": "acme", "version": "1.2.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["connector"] }""");
        File.WriteAllText(Path.Combine(_folder, "Marketpilot.Sdk.dll"), "");
        File.WriteAllText(Path.Combine(_folder, "Microsoft.Extensions.Logging.Abstractions.dll"), "");

        var result = PluginManifestConformance.Check(_folder).Single(r => r.Name == ConformanceCheckNames.NoSharedAssemblies);

        Assert.Equal(ConformanceOutcome.Failed, result.Outcome);
        Assert.Contains("Marketpilot.Sdk.dll, Microsoft.Extensions.Logging.Abstractions.dll", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(99, ConformanceOutcome.Failed)]
    [InlineData(1, ConformanceOutcome.Passed)]
    public void AnAssemblyBuiltAgainstANewerSharedAbstractionFails(int major, ConformanceOutcome outcome)
    {
        Write("""{ "id": "acme", "version": "1.2.0", "sdkVersion": "0.1", "entryAssembly": "Acme.dll", "kinds": ["connector"] }""");
        WriteAssemblyReferencing(Path.Combine(_folder, "Acme.dll"), "Microsoft.Extensions.Logging.Abstractions", new Version(major, 0, 0, 0));

        var result = PluginManifestConformance.Check(_folder).Single(r => r.Name == ConformanceCheckNames.SharedDependenciesNotNewer);

        Assert.True(result.Outcome == outcome, result.ToString());
        if (outcome == ConformanceOutcome.Failed)
        {
            Assert.Contains("Acme.dll references Microsoft.Extensions.Logging.Abstractions 99.0.0.0, newer than the host's", result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheKitChecksAgainstThePackageVersionOfTheSdk()
    {
        Assert.Equal(new Version(0, 1, 0), PluginManifestConformance.SdkVersion);
    }

    // A minimal library whose only content is a reference to the given assembly version.
    private static void WriteAssemblyReferencing(string path, string reference, Version version)
    {
        var metadata = new MetadataBuilder();
        metadata.AddModule(0, metadata.GetOrAddString(Path.GetFileName(path)), metadata.GetOrAddGuid(Guid.NewGuid()), default, default);
        metadata.AddAssembly(metadata.GetOrAddString(Path.GetFileNameWithoutExtension(path)), new Version(1, 0, 0, 0), default, default, default, AssemblyHashAlgorithm.Sha1);
        metadata.AddAssemblyReference(metadata.GetOrAddString(reference), version, default, default, default, default);
        metadata.AddTypeDefinition(default, default, metadata.GetOrAddString("<Module>"), default, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), new BlobBuilder());
        var blob = new BlobBuilder();
        pe.Serialize(blob);
        File.WriteAllBytes(path, blob.ToArray());
    }

    private void Write(string manifest)
    {
        File.WriteAllText(Path.Combine(_folder, "plugin.json"), manifest);
        File.WriteAllText(Path.Combine(_folder, "Acme.dll"), "");
    }
}
