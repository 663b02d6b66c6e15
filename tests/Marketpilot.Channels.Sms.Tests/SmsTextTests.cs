namespace Marketpilot.Channels.Sms.Tests;

public sealed class SmsTextTests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void GsmTextTakes160CharactersInOneSegmentAnd153PerSegmentBeyond(int length, int segments) =>
        Assert.Equal(segments, SmsText.Segments(new string('a', length)));

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void AnyCharacterOutsideGsm7MakesTheTextUcs2(int length, int segments) =>
        Assert.Equal(segments, SmsText.Segments(new string('ж', length)));

    [Fact]
    public void GsmExtensionCharactersCountTwice() =>
        Assert.Equal(2, SmsText.Segments(new string('a', 150) + "€€€€€€"));

    [Fact]
    public void AShortTextIsSentAsItIs()
    {
        var (text, segments) = SmsText.Fit("  Stock of A-1 lasts 3 days.  ", maxSegments: 1);

        Assert.Equal(("Stock of A-1 lasts 3 days.", 1), (text, segments));
    }

    [Fact]
    public void AUnicodeTextIsCutToItsSegmentsWithAUnicodeEllipsis()
    {
        var (text, segments) = SmsText.Fit(string.Join(" ", Enumerable.Repeat("заказать", 60)), maxSegments: 2);

        Assert.Equal(2, segments);
        Assert.True(text.Length <= 134, $"{text.Length} characters");
        Assert.EndsWith("заказать…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACutNeverSplitsASurrogatePair()
    {
        var (text, _) = SmsText.Fit(new string('a', 68) + string.Concat(Enumerable.Repeat("📉", 10)), maxSegments: 1);

        Assert.Equal(new string('a', 68) + "…", text);
    }
}
