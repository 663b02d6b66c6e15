using System.Globalization;
using System.Text;
using System.Xml;

namespace Marketpilot.Connectors.Kaspi.Feed;

/// <summary>Writes Kaspi's XML price list (marketplace-apis.md §3.4) exactly as the partner guide spells it.</summary>
internal static class PriceListWriter
{
    public const string Namespace = "kaspiShopping";
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The whole document, UTF-8 without a byte order mark.</summary>
    /// <param name="settings">The shop: company, merchant id, pickup points, cities, time zone of <paramref name="date"/>.</param>
    /// <param name="date">When the list was built.</param>
    /// <param name="offers">Every offer: SKU, model (title), whole-tenge price and stock.</param>
    /// <returns>The document's bytes.</returns>
    public static byte[] Write(KaspiShopSettings settings, DateTimeOffset date, IReadOnlyList<PriceListOffer> offers)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("kaspi_catalog", Namespace);
            xml.WriteAttributeString("date", TimeZoneInfo.ConvertTime(date, settings.TimeZone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            // Declared here, in the guide's order; XmlWriter would otherwise put xmlns last.
            xml.WriteAttributeString("xmlns", null, Namespace);
            xml.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            xml.WriteAttributeString("xsi", "schemaLocation", XsiNamespace, "kaspiShopping http://kaspi.kz/kaspishopping.xsd");
            xml.WriteElementString("company", Namespace, settings.CompanyName);
            xml.WriteElementString("merchantid", Namespace, settings.MerchantId);
            xml.WriteStartElement("offers", Namespace);
            foreach (var offer in offers)
            {
                WriteOffer(xml, settings, offer);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void WriteOffer(XmlWriter xml, KaspiShopSettings settings, PriceListOffer offer)
    {
        xml.WriteStartElement("offer", Namespace);
        xml.WriteAttributeString("sku", offer.Sku);
        xml.WriteElementString("model", Namespace, offer.Model);
        xml.WriteStartElement("availabilities", Namespace);
        for (var i = 0; i < settings.StoreIds.Count; i++)
        {
            xml.WriteStartElement("availability", Namespace);
            xml.WriteAttributeString("available", offer.Stock > 0 ? "yes" : "no");
            xml.WriteAttributeString("storeId", settings.StoreIds[i]);
            // The host keeps one stock figure per SKU: it is counted at the first pickup point, the others only say yes or no.
            if (i == 0)
            {
                xml.WriteAttributeString("stockCount", Math.Max(0, offer.Stock).ToString(CultureInfo.InvariantCulture));
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        var price = WholeTenge.Format(offer.Price);
        if (settings.CityIds.Count == 0)
        {
            xml.WriteElementString("price", Namespace, price);
        }
        else
        {
            xml.WriteStartElement("cityprices", Namespace);
            foreach (var city in settings.CityIds)
            {
                xml.WriteStartElement("cityprice", Namespace);
                xml.WriteAttributeString("cityId", city);
                xml.WriteString(price);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}

/// <summary>One offer of the price list; <paramref name="Price"/> in whole tenge.</summary>
internal sealed record PriceListOffer(string Sku, string Model, decimal Price, int Stock);
