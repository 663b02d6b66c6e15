using System.Globalization;

namespace Marketpilot.Connectors.Wildberries.Pull;

/// <summary>
/// Where a sweep of the card list stands: WB's own cursor (the last card's <c>updatedAt</c> and <c>nmID</c>), written
/// <c>cards|&lt;updatedAt&gt;|&lt;nmID&gt;</c>. A sweep ends with a <see langword="null"/> cursor, so the next sync starts a new
/// one: prices, stocks and metrics change without a card's <c>updatedAt</c> moving.
/// </summary>
internal readonly record struct PullCursor(string UpdatedAt, long NmId)
{
    private const string Prefix = "cards|";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{UpdatedAt}|{NmId}");

    /// <exception cref="ArgumentException">The text is not a cursor this connector wrote.</exception>
    public static PullCursor? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('|');
        return parts.Length == 3 && parts[0] + "|" == Prefix && parts[1].Length > 0
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var nmId)
            ? new PullCursor(parts[1], nmId)
            : throw new ArgumentException($"'{text}' is not a Wildberries cursor (cards|<updatedAt>|<nmID>).", nameof(text));
    }
}
