using Marketpilot.Sdk.Plugins;

namespace Marketpilot.Plugins.Tests;

public sealed class SecretMaskTests
{
    [Theory]
    [InlineData("ApiKey", true)]
    [InlineData("api_key", true)]
    [InlineData("BotToken", true)]
    [InlineData("Smtp:Password", true)]
    [InlineData("ClientSecret", true)]
    [InlineData("Credentials:Login", true)]
    [InlineData("Tokens:0", true)]
    [InlineData("Url", false)]
    [InlineData("Smtp:Host", false)]
    [InlineData("Recipients:manager", false)]
    public void APluginSettingIsSecretWhenAnyPartOfItsNameSaysSo(string key, bool secret) =>
        Assert.Equal(secret, SecretMask.IsSecretSetting(key, declared: null));

    [Fact]
    public void AKeyTheManifestDeclaresSecretCoversTheSettingsUnderItAndNoOther()
    {
        PluginConfigurationKey[] declared = [new() { Key = "Headers", Secret = true }, new() { Key = "Url" }];

        Assert.True(SecretMask.IsSecretSetting("Headers", declared));
        Assert.True(SecretMask.IsSecretSetting("headers:Authorization", declared));
        Assert.False(SecretMask.IsSecretSetting("HeadersSent", declared));
        Assert.False(SecretMask.IsSecretSetting("Url", declared));
    }

    [Fact]
    public void ValuesShorterThanFourCharactersAreLeftAlone() =>
        Assert.Equal("attempt 3 with ***", SecretMask.Scrub("attempt 3 with abcd", ["3", "abcd"]));

    [Fact]
    public void ASecretThatContainsAnotherIsMaskedWhole() =>
        Assert.Equal("token ***, key ***", SecretMask.Scrub("token abcd-efgh, key abcd", ["abcd", "abcd-efgh"]));
}
