using System.Text.Json;

namespace Marketpilot.Connectors.Kaspi.Feed;

/// <summary>
/// The offer codes the shop lists on Kaspi, as far as the connector can tell: every SKU of a feed it built (the host's
/// catalog) and every SKU Kaspi's orders named. Kept in <c>known-skus.json</c>, replaced atomically when it grows.
/// Kaspi has no API that lists a seller's offers, so a price for a SKU outside this set could never reach Kaspi.
/// </summary>
/// <remarks>Not thread-safe: the connector calls it under its lock.</remarks>
internal sealed class KnownSkus
{
    public const string FileName = "known-skus.json";

    private readonly string _path;
    private readonly HashSet<string> _skus;

    public KnownSkus(string stateDirectory)
    {
        _path = Path.Combine(stateDirectory, FileName);
        try
        {
            _skus = File.Exists(_path)
                ? new HashSet<string>(JsonSerializer.Deserialize<string[]>(File.ReadAllBytes(_path)) ?? [], StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{_path} is not a JSON array of SKUs ({ex.Message}); move it away and the next feed and pull rebuild it.", ex);
        }
    }

    public bool Contains(string sku) => _skus.Contains(sku);

    /// <summary>Adds <paramref name="skus"/>; writes the file (temp file, fsync, rename) only when one was new.</summary>
    public void AddRange(IEnumerable<string> skus)
    {
        var added = false;
        foreach (var sku in skus)
        {
            added |= _skus.Add(sku);
        }

        if (!added)
        {
            return;
        }

        var temporary = _path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, _skus.Order(StringComparer.Ordinal).ToArray());
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
