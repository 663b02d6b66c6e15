namespace Marketpilot.Emulators.Kaspi;

/// <summary>A price list as Kaspi read it, after <see cref="KaspiPriceListSchema"/> accepted it.</summary>
/// <param name="Date">The <c>date</c> attribute.</param>
/// <param name="Company">The <c>company</c> element.</param>
/// <param name="MerchantId">The <c>merchantid</c> element.</param>
/// <param name="Offers">Every offer by SKU.</param>
public sealed record KaspiPriceList(DateTimeOffset Date, string Company, string MerchantId, IReadOnlyDictionary<string, KaspiPriceListOffer> Offers);

/// <summary>One offer of a price list.</summary>
/// <param name="Sku">The <c>sku</c> attribute (the seller's offer code).</param>
/// <param name="Model">The <c>model</c> element.</param>
/// <param name="Brand">The optional <c>brand</c> element.</param>
/// <param name="Price">The <c>price</c> element in whole tenge, or <see langword="null"/> when the offer has <c>cityprices</c>.</param>
/// <param name="CityPrices">The <c>cityprice</c> values by <c>cityId</c>; empty when the offer has one <c>price</c>.</param>
/// <param name="Availabilities">The <c>availability</c> elements.</param>
public sealed record KaspiPriceListOffer(
    string Sku, string Model, string? Brand, decimal? Price, IReadOnlyDictionary<string, decimal> CityPrices, IReadOnlyList<KaspiAvailability> Availabilities);

/// <summary>One <c>availability</c> of an offer.</summary>
/// <param name="StoreId">The pickup point code.</param>
/// <param name="Available"><c>available="yes"</c>.</param>
/// <param name="StockCount">The optional <c>stockCount</c>.</param>
/// <param name="PreOrder">The optional <c>preOrder</c> days.</param>
public sealed record KaspiAvailability(string StoreId, bool Available, int? StockCount, int? PreOrder);

/// <summary>Kaspi could not fetch a price list, or it does not follow the schema; <see cref="Problems"/> lists each problem with where it is.</summary>
public sealed class KaspiPriceListException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Each problem, naming the element or attribute.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public KaspiPriceListException(IReadOnlyList<string> problems, Exception? innerException = null)
        : base($"Kaspi refused the price list: {string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? $"; and {problems.Count - 10} more" : "")}", innerException)
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
