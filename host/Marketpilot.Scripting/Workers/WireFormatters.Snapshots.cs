using MessagePack;
using MessagePack.Formatters;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Scripting.Workers;

// The SKU and campaign snapshots, as arrays in a fixed order.
internal static partial class WireFormatters
{
    private sealed class SkuSnapshotFormatter : ArrayFormatter<SkuSnapshot>
    {
        protected override int Count => 22;

        protected override void WriteFields(ref MessagePackWriter writer, SkuSnapshot value)
        {
            writer.Write(value.Marketplace);
            writer.Write(value.ShopId);
            writer.Write(value.Sku);
            writer.Write(value.Title);
            writer.Write(value.Category);
            Write(ref writer, value.Price);
            Write(ref writer, value.Cost);
            Write(ref writer, value.MinPrice);
            writer.Write(value.Stock);
            writer.Write(value.AvgDailyDemand);
            writer.Write(value.Impressions);
            writer.Write(value.Clicks);
            writer.Write(value.AddToCart);
            writer.Write(value.Orders);
            writer.Write(value.Returns);
            Write(ref writer, value.Revenue);
            writer.Write(value.TrafficSource);
            writer.Write(value.CardStatus);
            Write(ref writer, value.ListedAt);
            Write(ref writer, value.Date);
            Write(ref writer, value.Promotions);
            Write(ref writer, value.Tags);
        }

        protected override SkuSnapshot ReadFields(ref MessagePackReader reader) => new()
        {
            Marketplace = RequiredString(ref reader, nameof(SkuSnapshot.Marketplace)),
            ShopId = RequiredString(ref reader, nameof(SkuSnapshot.ShopId)),
            Sku = RequiredString(ref reader, nameof(SkuSnapshot.Sku)),
            Title = reader.ReadString(),
            Category = reader.ReadString(),
            Price = ReadDecimal(ref reader),
            Cost = ReadDecimal(ref reader),
            MinPrice = ReadNullableDecimal(ref reader),
            Stock = reader.ReadInt32(),
            AvgDailyDemand = reader.ReadDouble(),
            Impressions = reader.ReadInt64(),
            Clicks = reader.ReadInt64(),
            AddToCart = reader.ReadInt64(),
            Orders = reader.ReadInt64(),
            Returns = reader.ReadInt64(),
            Revenue = ReadNullableDecimal(ref reader),
            TrafficSource = reader.ReadString(),
            CardStatus = reader.ReadString(),
            ListedAt = ReadDateTimeOffset(ref reader),
            Date = ReadDateOnly(ref reader),
            Promotions = ReadStrings(ref reader, nameof(SkuSnapshot.Promotions)),
            Tags = ReadStrings(ref reader, nameof(SkuSnapshot.Tags)),
        };
    }

    private sealed class CampaignSnapshotFormatter : ArrayFormatter<CampaignSnapshot>
    {
        protected override int Count => 16;

        protected override void WriteFields(ref MessagePackWriter writer, CampaignSnapshot value)
        {
            writer.Write(value.Marketplace);
            writer.Write(value.ShopId);
            writer.Write(value.CampaignId);
            writer.Write(value.Name);
            writer.Write((int)value.Kind);
            writer.Write((int)value.Status);
            Write(ref writer, value.Budget);
            Write(ref writer, value.Bid);
            Write(ref writer, value.Spend);
            Write(ref writer, value.Revenue);
            writer.Write(value.Impressions);
            writer.Write(value.Clicks);
            writer.Write(value.Orders);
            Write(ref writer, value.AveragePosition);
            Write(ref writer, value.Skus);
            Write(ref writer, value.Date);
        }

        protected override CampaignSnapshot ReadFields(ref MessagePackReader reader) => new()
        {
            Marketplace = RequiredString(ref reader, nameof(CampaignSnapshot.Marketplace)),
            ShopId = RequiredString(ref reader, nameof(CampaignSnapshot.ShopId)),
            CampaignId = RequiredString(ref reader, nameof(CampaignSnapshot.CampaignId)),
            Name = reader.ReadString(),
            Kind = ReadEnum<CampaignKind>(ref reader),
            Status = ReadEnum<CampaignStatus>(ref reader),
            Budget = ReadDecimal(ref reader),
            Bid = ReadDecimal(ref reader),
            Spend = ReadDecimal(ref reader),
            Revenue = ReadDecimal(ref reader),
            Impressions = reader.ReadInt64(),
            Clicks = reader.ReadInt64(),
            Orders = reader.ReadInt64(),
            AveragePosition = ReadNullableDecimal(ref reader),
            Skus = ReadStrings(ref reader, nameof(CampaignSnapshot.Skus)),
            Date = ReadDateOnly(ref reader),
        };
    }
}
