using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Host.Sync;

/// <summary>
/// The cursors one sync loop pulled from in its current pass, from a pull after the connector had nothing more
/// (<see cref="CatalogPage.HasMore"/> false) to the next such page. A connector that leads back to one of them with more
/// to come (a marketplace that repeats its page cursor, or hands back an older one) would make the loop pull the same
/// pages for ever without a pause; the contract says a cursor never repeats while <see cref="CatalogPage.HasMore"/>.
/// </summary>
internal sealed class SyncPass
{
    // Bounds the memory of a connector that invents new cursors for ever; a cycle longer than this goes unnoticed.
    private const int MaxRemembered = 100_000;

    private readonly HashSet<string?> _pulled = new(StringComparer.Ordinal);
    private bool _open;
    private string? _saved;

    /// <summary>Records that the loop pulls from <paramref name="cursor"/>.</summary>
    /// <param name="cursor">The saved cursor the pull starts from. One other than the last this loop saved (another silo moved the loop on meanwhile) starts a new pass.</param>
    public void Pulling(string? cursor)
    {
        if (!_open || cursor != _saved || _pulled.Count >= MaxRemembered)
        {
            _pulled.Clear();
        }

        _open = true;
        _pulled.Add(cursor);
    }

    /// <summary>Whether <paramref name="page"/> says there is more from a cursor this pass already pulled from.</summary>
    /// <param name="page">The page just pulled.</param>
    public bool LeadsBack(CatalogPage page) => page.HasMore && _pulled.Contains(page.NextCursor);

    /// <summary>Records that <paramref name="page"/>'s cursor was saved: the pass goes on from it, or ends with the page.</summary>
    /// <param name="page">The page whose cursor was saved.</param>
    public void Saved(CatalogPage page)
    {
        _saved = page.NextCursor;
        _open = page.HasMore;
    }
}
