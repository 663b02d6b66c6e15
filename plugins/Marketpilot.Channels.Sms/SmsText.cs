namespace Marketpilot.Channels.Sms;

/// <summary>
/// Fits a message into a number of SMS segments. A text of GSM-7 characters takes 160 in one segment and 153 per segment
/// when split (the extension characters <c>^{}\[~]|€</c> and form feed count twice); any other character makes the whole
/// text UCS-2: 70 in one segment, 67 per segment. A longer text is cut at a word, with an ellipsis.
/// </summary>
internal static class SmsText
{
    private const string Gsm7 =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "\f^{}\\[~]|€";

    /// <summary>The text as it will be sent, and how many segments it takes.</summary>
    public static (string Text, int Segments) Fit(string message, int maxSegments)
    {
        var text = message.Trim();
        var gsm = text.All(IsGsm7);
        var capacity = Capacity(gsm, maxSegments);
        if (Length(text, gsm) > capacity)
        {
            var ellipsis = gsm ? "..." : "…";
            text = Cut(text, gsm, capacity - Length(ellipsis, gsm)) + ellipsis;
        }

        return (text, Segments(text, gsm));
    }

    /// <summary>How many segments <paramref name="text"/> takes.</summary>
    public static int Segments(string text)
    {
        var gsm = text.All(IsGsm7);
        return Segments(text, gsm);
    }

    private static int Segments(string text, bool gsm)
    {
        var length = Length(text, gsm);
        var single = gsm ? 160 : 70;
        var multi = gsm ? 153 : 67;
        return length <= single ? 1 : (length + multi - 1) / multi;
    }

    private static int Capacity(bool gsm, int segments) => segments == 1 ? (gsm ? 160 : 70) : segments * (gsm ? 153 : 67);

    private static bool IsGsm7(char c) => Gsm7.Contains(c, StringComparison.Ordinal) || Gsm7Extension.Contains(c, StringComparison.Ordinal);

    private static int Length(string text, bool gsm) => gsm ? text.Sum(c => Gsm7Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1) : text.Length;

    // The longest prefix within the budget, ending at a space in its second half when there is one, never inside a surrogate pair.
    private static string Cut(string text, bool gsm, int budget)
    {
        var end = 0;
        var used = 0;
        while (end < text.Length && used + Length(text[end].ToString(), gsm) <= budget)
        {
            used += Length(text[end].ToString(), gsm);
            end++;
        }

        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        var space = text.LastIndexOf(' ', Math.Max(end - 1, 0));
        return (space >= end / 2 ? text[..space] : text[..end]).TrimEnd();
    }
}
