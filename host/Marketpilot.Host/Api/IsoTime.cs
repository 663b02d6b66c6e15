using System.Globalization;

namespace Marketpilot.Host.Api;

/// <summary>Reads the ISO 8601 times the API takes (<c>since</c>); a time without an offset is UTC.</summary>
internal static class IsoTime
{
    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    public static string Invalid(string text) => $"'{text}' is not an ISO 8601 time like 2026-11-23T10:00:00Z";
}
