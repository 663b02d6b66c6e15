namespace Marketpilot.Connectors.Ozon.Http;

/// <summary>Replaces a shop's secrets in text that may echo them (a marketplace's error message) before it is logged or thrown.</summary>
internal sealed class SecretRedactor(IEnumerable<string> secrets)
{
    private readonly string[] _secrets = [.. secrets.Where(s => s.Length >= 4).OrderByDescending(s => s.Length)];

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        // Ozon's messages are short; a long body is garbage (an HTML error page) and is cut.
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
