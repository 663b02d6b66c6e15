namespace Marketpilot.Grains.Storage;

/// <summary>Lists the grains that have a stored state: the storage is the registry of what exists, so nothing else has to be kept in step.</summary>
public interface IGrainStateDirectory
{
    /// <summary>
    /// Returns one page of the grains holding a live (not cleared) record of <paramref name="stateName"/>, in a stable
    /// order (ordinal by grain id), starting after <paramref name="after"/>.
    /// </summary>
    /// <param name="stateName">The state name grains use in <c>[PersistentState]</c>.</param>
    /// <param name="after">The last grain id of the previous page; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The most grains to return; at least 1.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to <paramref name="limit"/> grain ids; fewer only on the last page. Grains added meanwhile appear if they sort after <paramref name="after"/>.</returns>
    Task<IReadOnlyList<GrainId>> ListAsync(string stateName, GrainId? after, int limit, CancellationToken cancellationToken = default);
}
