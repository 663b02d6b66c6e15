extern alias host;

using host::Marketpilot.Host.Ingestion;

namespace Marketpilot.Host.Tests.Ingestion;

public sealed class PlainTextTests
{
    [Fact]
    public void PlainTextWithinTheLimitIsReturnedAsItIs()
    {
        var title = "Кружка 350 мл\n\U0001F600";

        Assert.Same(title, PlainText.Clean(title, lineBreaks: true, maxLength: 100));
        Assert.Null(PlainText.Clean(null, lineBreaks: true, maxLength: 100));
    }

    [Theory]
    [InlineData("a\u0001b", true, "a b")]
    [InlineData("a\tb\nc", false, "a b c")]
    [InlineData("a\tb\nc", true, "a\tb\nc")]
    [InlineData("a\uFFFEb\uFFFF", true, "a\uFFFDb\uFFFD")]
    public void WhatIsNotPlainTextIsReplacedCharacterByCharacter(string text, bool lineBreaks, string expected)
    {
        var clean = PlainText.Clean(text, lineBreaks, maxLength: 100);

        Assert.Equal(expected, clean);
        Assert.Null(PlainText.Problem(clean, lineBreaks));
    }

    [Fact]
    public void HalfOfASurrogatePairBecomesTheReplacementCharacter()
    {
        // Built here, not in InlineData: a test case's arguments are serialized, and a lone surrogate does not survive it.
        Assert.Equal("a\uFFFDb", PlainText.Clean("a" + '\uD83D' + "b", lineBreaks: true, maxLength: 100));
        Assert.Equal("a\uFFFD", PlainText.Clean("a" + '\uDE00', lineBreaks: true, maxLength: 100));
    }

    [Fact]
    public void TextPastTheLimitIsCutWithAnEllipsisAndNeverBetweenTheHalvesOfAPair()
    {
        Assert.Equal("abcd\u2026", PlainText.Clean("abcdefgh", lineBreaks: false, maxLength: 5));
        // The pair would straddle the cut: it goes whole, and the result is shorter than the limit.
        var cut = PlainText.Clean("abc\U0001F600def", lineBreaks: false, maxLength: 5);
        Assert.Equal("abc\u2026", cut);
        Assert.Null(PlainText.Problem(cut, lineBreaks: false));
        Assert.Equal("ab\U0001F600\u2026", PlainText.Clean("ab\U0001F600def", lineBreaks: false, maxLength: 5));
    }
}
