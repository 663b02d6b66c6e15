extern alias host;

using Marketpilot.Actions.Connectors;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Plugins;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using host::Marketpilot.Host.Ingestion;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Tests.Ingestion;

public sealed class SnapshotValidatorTests
{
    private readonly SnapshotValidator _validator = new(new ConnectorDirectory([], [], Options.Create(new PluginRuntimeOptions())));

    [Fact]
    public void AConsistentSkuIsValid()
    {
        Assert.Empty(_validator.Validate(Some.SkuSnapshot()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void APriceOfZeroOrLessIsRefused(decimal price)
    {
        var errors = _validator.Validate(Some.SkuSnapshot() with { Price = price });

        Assert.Equal(new[] { new FieldError("price", "must be greater than 0") }, errors);
    }

    [Fact]
    public void TagsAreValidWhenEachHasText()
    {
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { Tags = ["summer", "gift"] }));
    }

    [Fact]
    public void ABlankTagTooManyTagsOrATooLongTagIsRefusedNamingTags()
    {
        var blank = _validator.Validate(Some.SkuSnapshot() with { Tags = ["summer", " "] });
        var many = _validator.Validate(Some.SkuSnapshot() with { Tags = [.. Enumerable.Range(0, 51).Select(i => $"t{i}")] });
        var longTag = _validator.Validate(Some.SkuSnapshot() with { Tags = [new string('x', 101)] });

        Assert.Equal(new[] { new FieldError("tags", "must be a list of tags, none of them empty") }, blank);
        Assert.Equal(new[] { new FieldError("tags", "has 51 tags; at most 50") }, many);
        Assert.Equal(new[] { new FieldError("tags", "has a tag of 101 characters; at most 100") }, longTag);
    }

    [Fact]
    public void TextAtItsLimitIsValidAndLongerTextOrTooManyPromotionsIsRefusedNamingTheField()
    {
        var atLimit = Some.SkuSnapshot() with
        {
            Title = new string('t', 2_000), Category = new string('c', 2_000), TrafficSource = new string('s', 200), CardStatus = new string('k', 200),
            Promotions = [.. Enumerable.Range(0, 1_000).Select(i => $"p{i}")],
        };
        var tooLong = atLimit with
        {
            Title = new string('t', 2_001), Category = new string('c', 2_001), TrafficSource = new string('s', 201), CardStatus = new string('k', 201),
            Promotions = [.. Enumerable.Range(0, 1_001).Select(i => $"p{i}")],
        };

        Assert.Empty(_validator.Validate(atLimit));
        Assert.Equal(
            new FieldError[]
            {
                new("promotions", "has 1001 promotion ids; at most 1000"), new("title", "has 2001 characters; at most 2000"),
                new("category", "has 2001 characters; at most 2000"), new("trafficSource", "has 201 characters; at most 200"),
                new("cardStatus", "has 201 characters; at most 200"),
            },
            _validator.Validate(tooLong));
        Assert.Equal([new FieldError("promotions", "has a promotion id of 201 characters; at most 200")], _validator.Validate(Some.SkuSnapshot() with { Promotions = [new string('p', 201)] }));
        Assert.Equal([new FieldError("name", "has 2001 characters; at most 2000")], _validator.Validate(Some.CampaignSnapshot() with { Name = new string('n', 2_001) }));
    }

    [Fact]
    public void AMinPriceOfZeroIsRefused()
    {
        var errors = _validator.Validate(Some.SkuSnapshot() with { MinPrice = 0m });

        Assert.Equal(new[] { new FieldError("minPrice", "must be greater than 0") }, errors);
    }

    [Fact]
    public void AbsentOrPositiveMinPriceIsValid()
    {
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { MinPrice = null }));
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { MinPrice = 0.01m }));
    }

    [Fact]
    public void NegativeCostAndStockAreRefused()
    {
        var errors = _validator.Validate(Some.SkuSnapshot() with { Cost = -0.01m, Stock = -1 });

        Assert.Equal(new[] { "cost", "stock" }, errors.Select(e => e.Field));
    }

    [Fact]
    public void OrdersAboveClicksAreRefusedWithBothCounts()
    {
        var errors = _validator.Validate(Some.SkuSnapshot() with { Clicks = 10, AddToCart = 10, Orders = 12 });

        Assert.Equal(new[] { new FieldError("orders", "orders (12) cannot exceed clicks (10)") }, errors);
    }

    [Fact]
    public void AddToCartAboveClicksIsRefusedWithBothCounts()
    {
        var errors = _validator.Validate(Some.SkuSnapshot() with { Clicks = 10, AddToCart = 11, Orders = 1 });

        Assert.Equal(new[] { new FieldError("addToCart", "addToCart (11) cannot exceed clicks (10)") }, errors);
    }

    [Fact]
    public void ClicksAboveImpressionsAreRefusedWithBothCounts()
    {
        var errors = _validator.Validate(Some.SkuSnapshot() with { Impressions = 30, Clicks = 31 });

        Assert.Equal(new[] { new FieldError("clicks", "clicks (31) cannot exceed impressions (30)") }, errors);
    }

    [Fact]
    public void CountsEqualAlongTheFunnelAreValid()
    {
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { Impressions = 7, Clicks = 7, AddToCart = 7, Orders = 7 }));
    }

    [Fact]
    public void ReturnsAboveTheDaysOrdersAreValid()
    {
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { Orders = 0, Returns = 3 }));
    }

    [Fact]
    public void EveryContradictionOfOneSkuIsListed()
    {
        var errors = _validator.Validate(Some.SkuSnapshot() with { Impressions = 5, Clicks = 6, AddToCart = 8, Orders = 9 });

        Assert.Equal(new[] { "clicks", "addToCart", "orders" }, errors.Select(e => e.Field));
    }

    [Fact]
    public void ANegativeRevenueIsRefusedAndAMissingOneIsNot()
    {
        Assert.Equal(new[] { new FieldError("revenue", "must not be negative") }, _validator.Validate(Some.SkuSnapshot() with { Revenue = -0.01m }));
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { Revenue = null }));
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { Revenue = 0m }));
    }

    [Fact]
    public void ANegativeCountIsReportedOnlyAsNegative()
    {
        var errors = _validator.Validate(Some.SkuSnapshot() with { Impressions = -1 });

        Assert.Equal(new[] { new FieldError("impressions", "must not be negative") }, errors);
    }

    [Fact]
    public void AConsistentCampaignIsValid()
    {
        Assert.Empty(_validator.Validate(Some.CampaignSnapshot()));
    }

    [Fact]
    public void AnAdsClicksAboveItsImpressionsAreRefused()
    {
        var errors = _validator.Validate(Some.CampaignSnapshot() with { Impressions = 100, Clicks = 101 });

        Assert.Equal(new[] { new FieldError("clicks", "clicks (101) cannot exceed impressions (100)") }, errors);
    }

    [Theory]
    [InlineData(CampaignKind.Promotion)]
    [InlineData(CampaignKind.Coupon)]
    public void ACampaignThatBuysNoImpressionsMayReportClicks(CampaignKind kind)
    {
        Assert.Empty(_validator.Validate(Some.CampaignSnapshot() with { Kind = kind, Impressions = 0, Clicks = 40 }));
    }

    [Fact]
    public void AnAdsAttributedOrdersMayExceedItsClicks()
    {
        Assert.Empty(_validator.Validate(Some.CampaignSnapshot() with { Clicks = 3, Orders = 5 }));
    }

    [Fact]
    public void NegativeCampaignMoneyIsRefused()
    {
        var errors = _validator.Validate(Some.CampaignSnapshot() with { Budget = -1m, Bid = -1m, Spend = -1m, Revenue = -1m });

        Assert.Equal(new[] { "budget", "bid", "spend", "revenue" }, errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1969-12-31")]
    [InlineData("9001-01-01")]
    [InlineData("9999-12-31")]
    public void ADateOutsideTheCalendarIsRefusedNamingDate(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        const string Message = "must be between 1970-01-01 and 9000-12-31";

        Assert.Equal(new[] { new FieldError("date", Message) }, _validator.Validate(Some.SkuSnapshot() with { Date = day }));
        Assert.Equal(new[] { new FieldError("date", Message) }, _validator.Validate(Some.CampaignSnapshot() with { Date = day }));
        Assert.Equal(new[] { new FieldError("occurredAt", Message) }, _validator.Validate(View(new DateTimeOffset(day, new TimeOnly(12, 0), TimeSpan.Zero))));
    }

    [Fact]
    public void TheCalendarsFirstAndLastDaysAreValid()
    {
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { Date = SnapshotValidator.EarliestDate }));
        Assert.Empty(_validator.Validate(Some.CampaignSnapshot() with { Date = SnapshotValidator.LatestDate }));
        Assert.Empty(_validator.Validate(View(new DateTimeOffset(SnapshotValidator.LatestDate, new TimeOnly(23, 59), TimeSpan.Zero))));
    }

    [Fact]
    public void MoneyAndCountsAboveTheirBoundsAreRefused()
    {
        var huge = SnapshotValidator.MaxAmount + 0.01m;
        var errors = _validator.Validate(Some.SkuSnapshot() with { Price = huge, Cost = huge, Revenue = decimal.MaxValue, Impressions = long.MaxValue, AvgDailyDemand = 1e13 });

        Assert.Equal(new[] { "price", "cost", "avgDailyDemand", "impressions", "revenue" }, errors.Select(e => e.Field));
        Assert.Contains("at most 1000000000000", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "spend" }, _validator.Validate(Some.CampaignSnapshot() with { Spend = huge }).Select(e => e.Field));
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { Price = SnapshotValidator.MaxAmount, Impressions = SnapshotValidator.MaxCount, Clicks = 0, AddToCart = 0, Orders = 0 }));
    }

    [Fact]
    public void ACampaignOfTooManyOrTooLongSkuIdsIsRefusedNamingSkus()
    {
        var many = _validator.Validate(Some.CampaignSnapshot() with { Skus = [.. Enumerable.Range(0, SnapshotValidator.MaxCampaignSkus + 1).Select(i => $"s{i}")] });
        var longId = _validator.Validate(Some.CampaignSnapshot() with { Skus = ["a", new string('x', 201)] });

        Assert.Equal(new[] { new FieldError("skus", "has 50001 SKU ids; at most 50000") }, many);
        Assert.Equal(new[] { new FieldError("skus", "has a SKU id of 201 characters; at most 200") }, longId);
        Assert.Empty(_validator.Validate(Some.CampaignSnapshot() with { Skus = [.. Enumerable.Range(0, SnapshotValidator.MaxCampaignSkus).Select(i => $"s{i}")] }));
    }

    [Fact]
    public void TextThatIsNotPlainTextIsRefusedSayingWhichCharacterAndWhere()
    {
        var sku = _validator.Validate(Some.SkuSnapshot() with
        {
            Sku = "a\tb", Title = "cut \ud83d", Category = "x\ny", Tags = ["ok", "n\u0085l"], Promotions = ["p\uffff"],
        });
        var campaign = _validator.Validate(Some.CampaignSnapshot() with { Name = "\u0000", Skus = ["s1", "s\u007f"] });
        var view = _validator.Validate(View(DateTimeOffset.UtcNow) with { Id = "v\u001b", ShopperId = "sh\rx" });

        Assert.Equal(
            new[]
            {
                new FieldError("sku", "holds the control character U+0009 at position 2"),
                new FieldError("promotions", "promotion 1 holds the non-character U+FFFF at position 2"),
                new FieldError("title", "holds half of a surrogate pair U+D83D at position 5"),
                new FieldError("category", "holds the control character U+000A at position 2"),
                new FieldError("tags", "tag 2 holds the control character U+0085 at position 2"),
            },
            sku);
        Assert.Equal(new[] { new FieldError("name", "holds the control character U+0000 at position 1"), new FieldError("skus", "SKU id 2 holds the control character U+007F at position 2") }, campaign);
        Assert.Equal(new[] { new FieldError("id", "holds the control character U+001B at position 2"), new FieldError("shopperId", "holds the control character U+000D at position 3") }, view);
    }

    [Fact]
    public void TitlesKeepLineBreaksTabsAndCharactersBeyondTheBasicPlane()
    {
        Assert.Empty(_validator.Validate(Some.SkuSnapshot() with { Title = "Kettle\r\n\t1.7 l \U0001F600 ]]> <b>" }));
    }

    private static MarketplaceEvent View(DateTimeOffset at) =>
        new("v1", MarketplaceEventKind.View, at, Sku: new SkuKey("ozon", "shop-1", "sku-1"), ShopperId: "shopper");
}
