using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Marketpilot.Emulators.Kaspi;

/// <summary>
/// Kaspi's XML price list schema (marketplace-apis.md §3.4), checked by hand: Kaspi publishes no XSD one can fetch
/// offline, so the rules below are the partner guide's, strictly: root <c>kaspi_catalog</c> in namespace
/// <c>kaspiShopping</c> with a <c>date</c>; <c>company</c>, <c>merchantid</c>, <c>offers</c>; each offer a unique
/// <c>sku</c> (1 to 64 characters), a <c>model</c>, an optional <c>brand</c>, <c>availabilities</c> with at least one
/// <c>availability</c> (<c>available</c> yes|no, <c>storeId</c>, optional <c>stockCount</c> and <c>preOrder</c>), and
/// either <c>price</c> or <c>cityprices</c> (9-digit <c>cityId</c>s), prices in whole tenge. Names are case-sensitive.
/// </summary>
public static class KaspiPriceListSchema
{
    /// <summary>The namespace every element is in.</summary>
    public const string Namespace = "kaspiShopping";

    private static readonly XNamespace Ns = Namespace;

    /// <summary>Parses and checks a price list.</summary>
    /// <param name="content">The document's bytes.</param>
    /// <returns>The price list.</returns>
    /// <exception cref="KaspiPriceListException">The document is not well-formed XML or breaks the schema; every problem is listed.</exception>
    public static KaspiPriceList Parse(ReadOnlySpan<byte> content)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(content.ToArray());
            document = XDocument.Load(stream);
        }
        catch (XmlException ex)
        {
            throw new KaspiPriceListException([$"not well-formed XML: {ex.Message}"], ex);
        }

        var problems = new List<string>();
        var root = document.Root!;
        if (root.Name != Ns + "kaspi_catalog")
        {
            throw new KaspiPriceListException([$"the root element is {root.Name}, not kaspi_catalog in namespace {Namespace}"]);
        }

        var date = DateTimeOffset.MinValue;
        if (root.Attribute("date")?.Value is not { } dateText || !DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problems.Add("kaspi_catalog/@date is missing or not a date");
        }

        Unexpected(root, problems, "company", "merchantid", "offers");
        var company = Text(root, "company", problems);
        var merchant = Text(root, "merchantid", problems);
        var offers = new Dictionary<string, KaspiPriceListOffer>(StringComparer.Ordinal);
        var offerElements = root.Element(Ns + "offers")?.Elements().ToList() ?? [];
        if (offerElements.Count == 0)
        {
            problems.Add("offers is missing or empty: an empty price list would take every offer off sale");
        }

        foreach (var (element, index) in offerElements.Select((e, i) => (e, i)))
        {
            if (ParseOffer(element, $"offers/offer[{index + 1}]", problems) is { } offer && !offers.TryAdd(offer.Sku, offer))
            {
                problems.Add($"offers/offer[{index + 1}]: sku '{offer.Sku}' is listed twice");
            }
        }

        return problems.Count > 0 ? throw new KaspiPriceListException(problems) : new KaspiPriceList(date, company!, merchant!, offers);
    }

    private static KaspiPriceListOffer? ParseOffer(XElement offer, string where, List<string> problems)
    {
        var count = problems.Count;
        if (offer.Name != Ns + "offer")
        {
            problems.Add($"{where} is {offer.Name.LocalName}, not offer");
            return null;
        }

        var sku = offer.Attribute("sku")?.Value;
        if (sku is null || sku.Length is 0 or > 64)
        {
            problems.Add($"{where}/@sku is missing or not 1 to 64 characters");
        }

        where = sku is null ? where : $"offer[@sku='{sku}']";
        Unexpected(offer, problems, "model", "brand", "availabilities", "price", "cityprices");
        var model = Text(offer, "model", problems, where);
        var brand = offer.Element(Ns + "brand")?.Value;
        var availabilities = ParseAvailabilities(offer.Element(Ns + "availabilities"), where, problems);
        var price = offer.Element(Ns + "price");
        var cityPrices = offer.Element(Ns + "cityprices");
        if ((price is null) == (cityPrices is null))
        {
            problems.Add($"{where} must have either price or cityprices, not {(price is null ? "neither" : "both")}");
        }

        var single = price is null ? (decimal?)null : Tenge(price.Value, $"{where}/price", problems);
        var byCity = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var city in cityPrices?.Elements() ?? [])
        {
            var cityId = city.Attribute("cityId")?.Value;
            if (city.Name != Ns + "cityprice" || cityId is null || cityId.Length != 9 || !cityId.All(char.IsAsciiDigit))
            {
                problems.Add($"{where}/cityprices holds {city.Name.LocalName} without a 9-digit cityId");
            }
            else if (!byCity.TryAdd(cityId, Tenge(city.Value, $"{where}/cityprice[@cityId='{cityId}']", problems)))
            {
                problems.Add($"{where}/cityprices lists city {cityId} twice");
            }
        }

        if (cityPrices is not null && byCity.Count == 0)
        {
            problems.Add($"{where}/cityprices is empty");
        }

        return problems.Count > count ? null : new KaspiPriceListOffer(sku!, model!, brand, single, byCity, availabilities);
    }

    private static List<KaspiAvailability> ParseAvailabilities(XElement? element, string where, List<string> problems)
    {
        var list = new List<KaspiAvailability>();
        foreach (var availability in element?.Elements() ?? [])
        {
            var store = availability.Attribute("storeId")?.Value;
            var available = availability.Attribute("available")?.Value;
            if (availability.Name != Ns + "availability" || string.IsNullOrEmpty(store) || available is not ("yes" or "no"))
            {
                problems.Add($"{where}/availabilities holds {availability.Name.LocalName} without storeId and available=\"yes|no\"");
                continue;
            }

            list.Add(new KaspiAvailability(store, available == "yes",
                Count(availability, "stockCount", where, problems), Count(availability, "preOrder", where, problems)));
        }

        if (list.Count == 0)
        {
            problems.Add($"{where}/availabilities is missing or has no availability");
        }

        return list;
    }

    private static int? Count(XElement element, string attribute, string where, List<string> problems)
    {
        var text = element.Attribute(attribute)?.Value;
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{where}/availability/@{attribute} '{text}' is not a whole number of 0 or more");
        return null;
    }

    private static decimal Tenge(string text, string where, List<string> problems)
    {
        if (decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        problems.Add($"{where} '{text}' is not a positive whole number of tenge");
        return 0;
    }

    private static string? Text(XElement parent, string name, List<string> problems, string? where = null)
    {
        var value = parent.Element(Ns + name)?.Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{(where is null ? "" : where + "/")}{name} is missing or empty");
        }

        return value;
    }

    private static void Unexpected(XElement parent, List<string> problems, params string[] allowed)
    {
        foreach (var child in parent.Elements().Where(e => e.Name.Namespace != Ns || !allowed.Contains(e.Name.LocalName)))
        {
            problems.Add($"{parent.Name.LocalName} holds an element {child.Name} the schema does not have");
        }
    }
}
