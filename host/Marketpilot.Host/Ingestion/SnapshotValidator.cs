using Marketpilot.Actions.Connectors;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Host.Ingestion;

/// <summary>
/// Checks SKU and campaign snapshots before anything is recorded, whether they come from the HTTP API
/// or from a connector: keys present, marketplace known, prices greater than 0, other money and counts not negative,
/// numbers finite, a day's counts that do not contradict each other, and text that is plain text (<see cref="PlainText"/>).
/// </summary>
/// <remarks>
/// Counts are checked against the funnel the domain defines (CTR = clicks / impressions, conversion = orders / clicks,
/// both fractions): a SKU's clicks cannot exceed its impressions, nor its add-to-carts or orders its clicks; an ad
/// campaign's clicks cannot exceed its impressions. Returns are not compared with orders: a day's returns belong to
/// earlier orders. Each contradiction is reported on the larger count, with both values.
/// </remarks>
public sealed class SnapshotValidator
{
    /// <summary>The earliest day or time a snapshot or event may name.</summary>
    public static readonly DateOnly EarliestDate = new(1970, 1, 1);

    /// <summary>
    /// The latest day or time a snapshot or event may name. Far enough for the simulator, whose days run ahead of the
    /// calendar, and far enough from the end of the calendar that no window, delay or next day computed from it overflows.
    /// </summary>
    public static readonly DateOnly LatestDate = new(9000, 12, 31);

    /// <summary>The largest amount of money a field may hold: sums over every SKU and day of a shop stay far inside <see cref="decimal"/>.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>The largest count (stock, impressions, clicks, orders ...) a field may hold.</summary>
    public const long MaxCount = 1_000_000_000_000;

    /// <summary>
    /// The most SKU ids one campaign snapshot may list: a marketplace's largest promotions, while one snapshot's fan-out to
    /// its SKUs stays bounded.
    /// </summary>
    public const int MaxCampaignSkus = 50_000;

    /// <summary>
    /// The longest free text (a title, a category, a campaign's name) in characters: marketplaces allow a few hundred,
    /// while every evaluation carries it to the rule workers and every write of the SKU stores it.
    /// </summary>
    public const int MaxTextLength = 2_000;

    /// <summary>The most promotions one SKU snapshot may list.</summary>
    public const int MaxPromotions = 1_000;

    private const int MaxIdLength = 200;
    private const int MaxTags = 50;
    private const int MaxTagLength = 100;
    private readonly ConnectorDirectory? _directory;

    /// <summary>Creates a validator that knows the built-in marketplaces and those the connectors and shops serve at the time of each check.</summary>
    /// <param name="directory">The host's connectors and configured shops, read on every check so that a plugin loaded later is known at once.</param>
    public SnapshotValidator(ConnectorDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
    }

    private SnapshotValidator()
    {
    }

    /// <summary>
    /// A validator for data that is not bound to this host's plugins, such as a <c>rules test</c> fixture: every check
    /// holds, except that any well-formed marketplace id is accepted.
    /// </summary>
    public static SnapshotValidator AnyMarketplace { get; } = new();

    /// <summary>The marketplace ids snapshots may name now.</summary>
    public IReadOnlyCollection<string> KnownMarketplaces => [.. Marketplaces.BuiltIn.Union(_directory?.Marketplaces ?? [], StringComparer.Ordinal)];

    /// <summary>Lists what is wrong with a SKU snapshot; empty when it is valid.</summary>
    public IReadOnlyList<FieldError> Validate(SkuSnapshot sku) => Validate(sku, MetricKinds.All);

    /// <summary>
    /// Lists what is wrong with a SKU snapshot from a connector that pulls only <paramref name="metrics"/>: the funnel
    /// checks (clicks within impressions, ...) compare only metrics it pulls, the others being 0 and not data.
    /// </summary>
    public IReadOnlyList<FieldError> Validate(SkuSnapshot sku, MetricKinds metrics)
    {
        ArgumentNullException.ThrowIfNull(sku);
        var errors = new List<FieldError>();
        CheckKey(errors, sku.Marketplace, sku.ShopId, ("sku", sku.Sku));
        InCalendar(errors, "date", sku.Date);
        Positive(errors, "price", sku.Price);
        if (sku.MinPrice is { } minPrice)
        {
            Positive(errors, "minPrice", minPrice);
        }

        NotNegative(errors, "cost", sku.Cost);
        NotNegative(errors, "stock", sku.Stock);
        if (!double.IsFinite(sku.AvgDailyDemand) || sku.AvgDailyDemand < 0 || sku.AvgDailyDemand > MaxCount)
        {
            errors.Add(new("avgDailyDemand", $"must be a finite number from 0 to {MaxCount}"));
        }

        NotNegative(errors, "impressions", sku.Impressions);
        NotNegative(errors, "clicks", sku.Clicks);
        NotNegative(errors, "addToCart", sku.AddToCart);
        NotNegative(errors, "orders", sku.Orders);
        NotNegative(errors, "returns", sku.Returns);
        if (sku.Revenue is { } revenue)
        {
            NotNegative(errors, "revenue", revenue);
        }

        bool Pulled(MetricKinds both) => (metrics & both) == both;
        if (Pulled(MetricKinds.Clicks | MetricKinds.Impressions))
        {
            NotAbove(errors, ("clicks", sku.Clicks), ("impressions", sku.Impressions));
        }

        if (Pulled(MetricKinds.AddToCart | MetricKinds.Clicks))
        {
            NotAbove(errors, ("addToCart", sku.AddToCart), ("clicks", sku.Clicks));
        }

        if (Pulled(MetricKinds.Orders | MetricKinds.Clicks))
        {
            NotAbove(errors, ("orders", sku.Orders), ("clicks", sku.Clicks));
        }

        if (sku.Promotions is null || sku.Promotions.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new("promotions", "must be a list of promotion ids"));
        }
        else if (sku.Promotions.Count > MaxPromotions)
        {
            errors.Add(new("promotions", $"has {sku.Promotions.Count} promotion ids; at most {MaxPromotions}"));
        }
        else if (sku.Promotions.FirstOrDefault(id => id.Length > MaxIdLength) is { } longId)
        {
            errors.Add(new("promotions", $"has a promotion id of {longId.Length} characters; at most {MaxIdLength}"));
        }
        else
        {
            PlainItems(errors, "promotions", "promotion", sku.Promotions);
        }

        CheckText(errors, "title", sku.Title, MaxTextLength, lineBreaks: true);
        CheckText(errors, "category", sku.Category, MaxTextLength);
        CheckText(errors, "trafficSource", sku.TrafficSource, MaxIdLength);
        CheckText(errors, "cardStatus", sku.CardStatus, MaxIdLength);
        CheckTags(errors, sku.Tags);
        return errors;
    }

    /// <summary>Lists what is wrong with a campaign snapshot; empty when it is valid.</summary>
    public IReadOnlyList<FieldError> Validate(CampaignSnapshot campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var errors = new List<FieldError>();
        CheckKey(errors, campaign.Marketplace, campaign.ShopId, ("campaignId", campaign.CampaignId));
        CheckText(errors, "name", campaign.Name, MaxTextLength, lineBreaks: true);
        InCalendar(errors, "date", campaign.Date);
        NotNegative(errors, "budget", campaign.Budget);
        NotNegative(errors, "bid", campaign.Bid);
        NotNegative(errors, "spend", campaign.Spend);
        NotNegative(errors, "revenue", campaign.Revenue);
        NotNegative(errors, "impressions", campaign.Impressions);
        NotNegative(errors, "clicks", campaign.Clicks);
        NotNegative(errors, "orders", campaign.Orders);
        if (campaign.AveragePosition is < 1)
        {
            errors.Add(new("averagePosition", "must be at least 1 (the top of the results) when given"));
        }

        // Only an ad buys impressions; promotions and coupons report the covered SKUs' clicks with no impressions of
        // their own. Attributed orders are not compared with clicks: marketplaces attribute orders placed days after a
        // click, and after a view without one.
        if (campaign.Kind == CampaignKind.Ad)
        {
            NotAbove(errors, ("clicks", campaign.Clicks), ("impressions", campaign.Impressions));
        }

        if (campaign.Skus is null || campaign.Skus.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new("skus", "must be a list of SKU ids"));
        }
        else if (campaign.Skus.Count > MaxCampaignSkus)
        {
            errors.Add(new("skus", $"has {campaign.Skus.Count} SKU ids; at most {MaxCampaignSkus}"));
        }
        else if (campaign.Skus.FirstOrDefault(id => id.Length > MaxIdLength) is { } longId)
        {
            errors.Add(new("skus", $"has a SKU id of {longId.Length} characters; at most {MaxIdLength}"));
        }
        else
        {
            PlainItems(errors, "skus", "SKU id", campaign.Skus);
        }

        return errors;
    }

    /// <summary>Lists what is wrong with a marketplace event; empty when it is valid.</summary>
    public IReadOnlyList<FieldError> Validate(MarketplaceEvent marketplaceEvent)
    {
        ArgumentNullException.ThrowIfNull(marketplaceEvent);
        var errors = new List<FieldError>();
        RequiredId(errors, "id", marketplaceEvent.Id);
        if (!Enum.IsDefined(marketplaceEvent.Kind))
        {
            errors.Add(new("kind", $"must be one of {string.Join(", ", MarketplaceEventKinds.All)}"));
        }

        if (marketplaceEvent.OccurredAt == default)
        {
            errors.Add(new("occurredAt", "is required"));
        }
        else
        {
            InCalendar(errors, "occurredAt", DateOnly.FromDateTime(marketplaceEvent.OccurredAt.UtcDateTime));
        }

        var aboutCampaign = marketplaceEvent.Kind == MarketplaceEventKind.CampaignStatsUpdated;
        if (aboutCampaign)
        {
            Nested(errors, "campaign", marketplaceEvent.Campaign is { } c ? k => CheckKey(k, c.Marketplace, c.ShopId, ("campaignId", c.CampaignId)) : null);
        }
        else
        {
            Nested(errors, "sku", marketplaceEvent.Sku is { } sku ? k => CheckKey(k, sku.Marketplace, sku.ShopId, ("sku", sku.Sku)) : null);
        }

        if (marketplaceEvent.Kind == MarketplaceEventKind.View && string.IsNullOrWhiteSpace(marketplaceEvent.ShopperId))
        {
            errors.Add(new("shopperId", "is required for a view"));
        }
        else if (marketplaceEvent.ShopperId is { Length: > MaxIdLength })
        {
            errors.Add(new("shopperId", $"is longer than {MaxIdLength} characters"));
        }
        else if (marketplaceEvent.ShopperId is { } shopper && PlainText.Problem(shopper, lineBreaks: false) is { } problem)
        {
            errors.Add(new("shopperId", problem));
        }

        if (marketplaceEvent.Kind is MarketplaceEventKind.OrderPlaced or MarketplaceEventKind.Return ? marketplaceEvent.Quantity < 1 : marketplaceEvent.Quantity != 0)
        {
            errors.Add(new("quantity", marketplaceEvent.Kind is MarketplaceEventKind.OrderPlaced or MarketplaceEventKind.Return ? "must be at least 1" : "must be 0 for this kind"));
        }

        return errors;
    }

    private static void Nested(List<FieldError> errors, string field, Action<List<FieldError>>? check)
    {
        if (check is null)
        {
            errors.Add(new(field, "is required for this kind"));
            return;
        }

        var inner = new List<FieldError>();
        check(inner);
        errors.AddRange(inner.Select(e => e with { Field = $"{field}.{e.Field}" }));
    }

    private static void CheckText(List<FieldError> errors, string field, string? text, int maxLength, bool lineBreaks = false)
    {
        if (text is { Length: var length } && length > maxLength)
        {
            errors.Add(new(field, $"has {length} characters; at most {maxLength}"));
        }
        else if (text is not null && PlainText.Problem(text, lineBreaks) is { } problem)
        {
            errors.Add(new(field, problem));
        }
    }

    private static void CheckTags(List<FieldError> errors, IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new("tags", "must be a list of tags, none of them empty"));
        }
        else if (tags.Count > MaxTags)
        {
            errors.Add(new("tags", $"has {tags.Count} tags; at most {MaxTags}"));
        }
        else if (tags.FirstOrDefault(t => t.Length > MaxTagLength) is { } longTag)
        {
            errors.Add(new("tags", $"has a tag of {longTag.Length} characters; at most {MaxTagLength}"));
        }
        else
        {
            PlainItems(errors, "tags", "tag", tags);
        }
    }

    // The first offending item only, like the other list checks: one message per field.
    private static void PlainItems(List<FieldError> errors, string field, string item, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (PlainText.Problem(values[i], lineBreaks: false) is { } problem)
            {
                errors.Add(new(field, $"{item} {i + 1} {problem}"));
                return;
            }
        }
    }

    private void CheckKey(List<FieldError> errors, string? marketplace, string? shopId, (string Name, string? Value) id)
    {
        if (string.IsNullOrWhiteSpace(marketplace))
        {
            errors.Add(new("marketplace", "is required"));
        }
        else if (_directory is null ? !Marketplaces.IsWellFormed(marketplace) : !Marketplaces.BuiltIn.Contains(marketplace) && !_directory.Marketplaces.Contains(marketplace))
        {
            errors.Add(new("marketplace", _directory is null
                ? $"'{marketplace}' is not a marketplace id (lower-case letters, digits and '-', starting with a letter)"
                : $"'{marketplace}' is not a known marketplace; known: {string.Join(", ", KnownMarketplaces.Order())}"));
        }

        RequiredId(errors, "shopId", shopId);
        RequiredId(errors, id.Name, id.Value);
    }

    private static void RequiredId(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "is required"));
        }
        else if (value.Length > MaxIdLength)
        {
            errors.Add(new(field, $"is longer than {MaxIdLength} characters"));
        }
        else if (PlainText.Problem(value, lineBreaks: false) is { } problem)
        {
            errors.Add(new(field, problem));
        }
    }

    private static void InCalendar(List<FieldError> errors, string field, DateOnly? date)
    {
        if (date is { } day && (day < EarliestDate || day > LatestDate))
        {
            errors.Add(new(field, $"must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}"));
        }
    }

    private static void Positive(List<FieldError> errors, string field, decimal value)
    {
        if (value <= 0)
        {
            errors.Add(new(field, "must be greater than 0"));
        }
        else if (value > MaxAmount)
        {
            errors.Add(new(field, $"must be at most {MaxAmount}"));
        }
    }

    // A negative count is already reported on its own; comparing it would only add a second, confusing message.
    private static void NotAbove(List<FieldError> errors, (string Name, long Value) part, (string Name, long Value) whole)
    {
        if (part.Value > whole.Value && whole.Value >= 0)
        {
            errors.Add(new(part.Name, $"{part.Name} ({part.Value}) cannot exceed {whole.Name} ({whole.Value})"));
        }
    }

    private static void NotNegative(List<FieldError> errors, string field, decimal value)
    {
        if (value < 0)
        {
            errors.Add(new(field, "must not be negative"));
        }
        else if (value > MaxAmount)
        {
            errors.Add(new(field, $"must be at most {MaxAmount}"));
        }
    }

    private static void NotNegative(List<FieldError> errors, string field, long value)
    {
        if (value < 0)
        {
            errors.Add(new(field, "must not be negative"));
        }
        else if (value > MaxCount)
        {
            errors.Add(new(field, $"must be at most {MaxCount}"));
        }
    }
}
