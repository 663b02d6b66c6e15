using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Connectors.Wildberries.Wire;

namespace Marketpilot.Connectors.Wildberries.Apply;

/// <summary>How an async upload ended.</summary>
/// <param name="Status">WB's history status: 3 processed, 4 cancelled, 5 processed with item errors, 6 every item failed; 1 waiting in the buffer for a promotion's start.</param>
/// <param name="ItemErrors">The error text of every article that failed, by WB article.</param>
internal sealed record UploadOutcome(int Status, IReadOnlyDictionary<long, string> ItemErrors);

/// <summary>Polls an upload's history (prices, discounts, promotion entries share it) until WB has processed it.</summary>
internal sealed class UploadPoller(WildberriesApi api, WildberriesSettings settings, TimeProvider time)
{
    private const int GoodsPageSize = 1000;

    /// <param name="uploadId">The upload's id.</param>
    /// <param name="buffered">Whether WB may hold the upload in its buffer until a promotion starts, which counts as accepted.</param>
    /// <param name="cancellationToken">The host's deadline.</param>
    /// <exception cref="OperationCanceledException">The host's deadline passed before WB finished; the retry re-sends the same content and WB answers with the same upload (208).</exception>
    public async Task<UploadOutcome> WaitAsync(long uploadId, bool buffered, CancellationToken cancellationToken)
    {
        while (true)
        {
            var history = await api.GetAsync(WildberriesMethodGroup.Prices, settings.PricesBaseUrl, $"/api/v2/history/tasks?uploadID={uploadId}", cancellationToken).ConfigureAwait(false);
            var state = history.IsSuccess ? history.Read<UploadStateResponse>().Data : null;
            if (state is { Status: 3 or 4 })
            {
                return new UploadOutcome(state.Status, new Dictionary<long, string>());
            }

            if (state is { Status: 5 or 6 })
            {
                return new UploadOutcome(state.Status, await ReadItemErrorsAsync("/api/v2/history/goods/task", uploadId, cancellationToken).ConfigureAwait(false));
            }

            if (buffered)
            {
                var buffer = await api.GetAsync(WildberriesMethodGroup.Prices, settings.PricesBaseUrl, $"/api/v2/buffer/tasks?uploadID={uploadId}", cancellationToken).ConfigureAwait(false);
                if (buffer.IsSuccess && buffer.Read<UploadStateResponse>().Data is { Status: 1 })
                {
                    return new UploadOutcome(1, await ReadItemErrorsAsync("/api/v2/buffer/goods/task", uploadId, cancellationToken).ConfigureAwait(false));
                }
            }

            await Task.Delay(settings.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // The history and the buffer list an upload's items the same way; an item with status 3 failed.
    private async Task<Dictionary<long, string>> ReadItemErrorsAsync(string path, long uploadId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<long, string>();
        for (var offset = 0; ; offset += GoodsPageSize)
        {
            var response = await api.GetAsync(WildberriesMethodGroup.Prices, settings.PricesBaseUrl,
                $"{path}?uploadID={uploadId}&limit={GoodsPageSize}&offset={offset}", cancellationToken).ConfigureAwait(false);
            var goods = response.IsSuccess ? response.Read<UploadGoodsResponse>().Data?.HistoryGoods ?? [] : [];
            foreach (var item in goods.Where(g => g.Status == 3))
            {
                errors[item.NmId] = string.IsNullOrWhiteSpace(item.ErrorText) ? "Wildberries reported an error without a text" : item.ErrorText;
            }

            if (goods.Count < GoodsPageSize)
            {
                return errors;
            }
        }
    }

    /// <summary>
    /// Whether an item error will pass on its own. WB documents no list; the texts that name the data (an invalid value,
    /// an unknown article, quarantine, a promotion that does not take the item) will not, anything else may.
    /// </summary>
    public static bool IsPermanent(string errorText)
    {
        string[] permanent = ["invalid", "whole number", "not found", "quarantine", "карантин", "already set", "not eligible", "not specified", "duplicate"];
        return permanent.Any(p => errorText.Contains(p, StringComparison.OrdinalIgnoreCase));
    }
}
