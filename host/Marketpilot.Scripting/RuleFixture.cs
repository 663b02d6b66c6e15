using System.Collections;
using System.Text.Json;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Scripting;

/// <summary>The input of <c>rules test</c>: SKU snapshots, and optionally campaigns, a last firing time and an event.</summary>
/// <remarks>
/// <para>
/// A fixture file is either a JSON array of SKU snapshots, in the camelCase shape the HTTP API's
/// <c>POST /api/v1/skus</c> accepts, or an object
/// <c>{ "skus": [...], "campaigns": [...], "lastFiredAt": "...", "event": {...} }</c> whose members besides
/// <c>skus</c> are optional.
/// </para>
/// <para>
/// The same SKU may appear several times with different <c>date</c>s: together they are its daily
/// history. A campaign covers the SKUs of its shop listed in its <c>skus</c>; when a campaign appears
/// several times, its newest entry counts. <c>lastFiredAt</c> is when the rule last fired on every
/// SKU, for testing cooldowns. <c>event</c> is the marketplace event an <c>event(...)</c> rule runs on, in the shape
/// <c>POST /api/v1/events</c> accepts; every SKU sees it as <c>Event</c>.
/// </para>
/// <para>The fixture is the list of its SKU snapshots, in file order.</para>
/// </remarks>
public sealed class RuleFixture : IReadOnlyList<SkuSnapshot>
{
    /// <summary>Creates a fixture.</summary>
    /// <param name="skus">The snapshots in order.</param>
    /// <param name="campaigns">The campaigns; none when <see langword="null"/>.</param>
    /// <param name="lastFiredAt">When the rule last fired on each SKU; <see langword="null"/> when it never did.</param>
    /// <param name="marketplaceEvent">The event the rule runs on; <see langword="null"/> for none.</param>
    public RuleFixture(IReadOnlyList<SkuSnapshot> skus, IReadOnlyList<CampaignSnapshot>? campaigns = null, DateTimeOffset? lastFiredAt = null, MarketplaceEvent? marketplaceEvent = null)
    {
        ArgumentNullException.ThrowIfNull(skus);

        Skus = skus;
        Campaigns = campaigns ?? [];
        LastFiredAt = lastFiredAt;
        Event = marketplaceEvent;
    }

    /// <summary>The SKU snapshots in file order.</summary>
    public IReadOnlyList<SkuSnapshot> Skus { get; }

    /// <summary>The campaigns in file order.</summary>
    public IReadOnlyList<CampaignSnapshot> Campaigns { get; }

    /// <summary>When the rule last fired on each SKU; <see langword="null"/> when it never did.</summary>
    public DateTimeOffset? LastFiredAt { get; }

    /// <summary>The event the rule runs on, as <c>Event</c>; <see langword="null"/> for none.</summary>
    public MarketplaceEvent? Event { get; }

    /// <inheritdoc />
    public int Count => Skus.Count;

    /// <inheritdoc />
    public SkuSnapshot this[int index] => Skus[index];

    /// <summary>Reads a fixture file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The fixture.</returns>
    /// <exception cref="RuleFixtureException">The file is not a valid fixture; the message names the file and the JSON path and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RuleFixture Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses a fixture.</summary>
    /// <param name="json">The fixture's JSON text.</param>
    /// <param name="path">The file it came from, for error messages.</param>
    /// <returns>The fixture.</returns>
    /// <exception cref="RuleFixtureException">The text is not a valid fixture; the message names <paramref name="path"/> and the JSON path and line.</exception>
    public static RuleFixture Parse(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(path);

        RuleFixture fixture;
        try
        {
            fixture = json.TrimStart().StartsWith('{')
                ? FromDocument(JsonSerializer.Deserialize<FixtureDocument>(json, MarketpilotJson.Strict))
                : new RuleFixture(JsonSerializer.Deserialize<List<SkuSnapshot>>(json, MarketpilotJson.Strict) ?? []);
        }
        catch (JsonException exception)
        {
            throw new RuleFixtureException(path, Problem(exception), exception);
        }

        for (var i = 0; i < fixture.Skus.Count; i++)
        {
            if (fixture.Skus[i] is null)
            {
                throw new RuleFixtureException(path, $"SKU snapshot {i} is null.");
            }
        }

        if (fixture.Campaigns.Any(c => c is null))
        {
            throw new RuleFixtureException(path, "a campaign is null.");
        }

        return fixture;
    }

    /// <inheritdoc />
    public IEnumerator<SkuSnapshot> GetEnumerator() => Skus.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The serializer names neither the path nor the fix for a field the fixture's types do not have.
    private static string Problem(JsonException exception) =>
        MarketpilotJson.IsUnknownField(exception)
            ? $"{exception.Path} is not a field of a fixture, SKU snapshot, campaign or event (check its spelling)"
            : exception.Message;

    private static RuleFixture FromDocument(FixtureDocument? document) =>
        new(document?.Skus ?? [], document?.Campaigns, document?.LastFiredAt, document?.Event);

    private sealed record FixtureDocument(
        IReadOnlyList<SkuSnapshot>? Skus,
        IReadOnlyList<CampaignSnapshot>? Campaigns,
        DateTimeOffset? LastFiredAt,
        MarketplaceEvent? Event);
}
