namespace Marketpilot.Emulators.Kaspi;

/// <summary>
/// Kaspi's side of the price-list upload: GETs the seller's price list URL and checks it with
/// <see cref="KaspiPriceListSchema"/>. Used by <see cref="KaspiEmulator.FetchPriceListAsync"/>, and by end-to-end tests
/// against the real host's feed route.
/// </summary>
/// <param name="http">The client to fetch with; a new one with a 30 s timeout when <see langword="null"/>.</param>
public sealed class KaspiPriceListFetcher(HttpClient? http = null)
{
    private readonly HttpClient _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Fetches and checks the price list at <paramref name="url"/>.</summary>
    /// <param name="url">The seller's price list URL.</param>
    /// <param name="cancellationToken">Stops the fetch.</param>
    /// <returns>The price list.</returns>
    /// <exception cref="KaspiPriceListException">The answer was not 200 with XML, the request failed, or the list breaks the schema. The message never carries the URL, whose path may be a secret.</exception>
    public async Task<KaspiPriceList> FetchAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        byte[] content;
        try
        {
            using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new KaspiPriceListException([$"GET of the price list URL answered HTTP {(int)response.StatusCode}"]);
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is not ("application/xml" or "text/xml"))
            {
                throw new KaspiPriceListException([$"GET of the price list URL answered {mediaType ?? "no content type"}, not XML"]);
            }

            content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new KaspiPriceListException([$"GET of the price list URL failed: {ex.Message}"], ex);
        }

        return KaspiPriceListSchema.Parse(content);
    }
}
