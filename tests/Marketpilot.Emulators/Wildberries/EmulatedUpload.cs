namespace Marketpilot.Emulators.Wildberries;

/// <summary>An async upload (prices or promotion entries) and what became of each of its items.</summary>
internal sealed class EmulatedUpload
{
    public required long Id { get; init; }

    /// <summary>The request body's canonical text: an identical upload is answered 208 with this upload's id.</summary>
    public required string Content { get; init; }

    /// <summary>Applies the upload; returns the error text of each item that failed.</summary>
    public required Func<Dictionary<long, string>> Process { get; init; }

    public required IReadOnlyList<long> NmIds { get; init; }

    /// <summary>Held in the buffer (a promotion entry before the start): status 1, never in the history.</summary>
    public bool Buffered { get; init; }

    public int PollsLeft { get; set; }

    /// <summary>3, 5 or 6 once processed; 0 before.</summary>
    public int Status { get; set; }

    public Dictionary<long, string> Errors { get; set; } = [];
}

/// <summary>One change the emulator made to its state, for tests that count how often each action reached it.</summary>
/// <param name="Kind"><c>price</c>, <c>promotion</c>, <c>pause</c>, <c>start</c> or <c>bid</c>.</param>
/// <param name="Target">The article, or the campaign for pause and start.</param>
/// <param name="Value">What was set (price/discount, promotion id, placement=kopecks).</param>
public sealed record EmulatedChange(string Kind, long Target, string Value);
