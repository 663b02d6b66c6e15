namespace Marketpilot.Plugins.Tests;

public sealed class PluginManifestTests
{
    private static readonly string EntryFolder = AppContext.BaseDirectory;

    private static PluginManifest Manifest(string id = "demo", string sdkVersion = "0.1") => new()
    {
        Id = id,
        Version = "1.0.0",
        SdkVersion = sdkVersion,
        EntryAssembly = "Marketpilot.Plugins.dll",
    };

    [Theory]
    [InlineData("0.1", "0.1.0")]
    [InlineData("0.1", "0.1.7")]
    [InlineData("1.0", "1.3.0")]
    [InlineData("1.3", "1.3.0")]
    public void CompatibleSdkVersionsPass(string built, string host)
    {
        Assert.Null(Manifest(sdkVersion: built).Validate(EntryFolder, Version.Parse(host)));
    }

    [Theory]
    [InlineData("1.0", "0.1.0", "different major")]
    [InlineData("0.2", "0.1.0", "before 1.0")]
    [InlineData("0.0", "0.1.0", "before 1.0")]
    [InlineData("1.4", "1.3.0", "newer than the host")]
    [InlineData("one", "0.1.0", "not a 'major.minor'")]
    [InlineData("", "0.1.0", "no sdkVersion")]
    public void IncompatibleSdkVersionsFailWithAReason(string built, string host, string reason)
    {
        Assert.Contains(reason, Manifest(sdkVersion: built).Validate(EntryFolder, Version.Parse(host)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ozon")]
    [InlineData("my-connector-2")]
    public void LowerCaseIdsAreValid(string id)
    {
        Assert.Null(Manifest(id).Validate(EntryFolder, new Version(0, 1, 0)));
    }

    [Theory]
    [InlineData("Ozon")]
    [InlineData("my_connector")]
    [InlineData("path")]
    [InlineData("runtime")]
    [InlineData("a b")]
    public void OtherIdsAreRejected(string id)
    {
        Assert.Contains("is not valid", Manifest(id).Validate(EntryFolder, new Version(0, 1, 0)), StringComparison.Ordinal);
    }

    [Fact]
    public void HostSdkVersionComesFromThePackageVersion()
    {
        Assert.Equal(new Version(0, 1, 0), HostSdkVersion.Current);
    }
}
