using System.Globalization;
using Marketpilot.Actions;
using Marketpilot.Actions.Undo;
using Marketpilot.Host.Api;
using Microsoft.AspNetCore.Mvc;

namespace Marketpilot.Host.WebConsole.Pages.Actions;

/// <summary>The action log with its filters (the API's), and undo of one action through the outbox.</summary>
public sealed class IndexModel(IActionLog log, ActionUndoService undo) : ConsolePage
{
    /// <summary>Actions per page.</summary>
    public const int PageSize = 50;

    /// <summary>Only this SKU id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sku { get; set; }

    /// <summary>Only this rule.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Rule { get; set; }

    /// <summary>Only this status.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Only actions proposed since this day (UTC).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? Since { get; set; }

    /// <summary>The page, from 0.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; }

    /// <summary>The actions on this page, newest first.</summary>
    public ActionPage Actions { get; private set; } = new([], 0, 0, PageSize);

    /// <summary>Reads a page of the log the key sees.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ActionStatus? status = Status is { Length: > 0 } && ActionStatusNames.TryParse(Status, out var parsed) ? parsed : null;
        var query = new ActionQuery(
            Sku is { Length: > 0 } ? Sku.Trim() : null,
            Rule is { Length: > 0 } ? Rule.Trim() : null,
            status,
            Since is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            0,
            PageSize);
        PageNumber = Math.Max(0, PageNumber);
        Actions = await ShopActionQuery.QueryAsync(log, query with { Offset = OffsetOf(PageNumber) }, Access.Shops, cancellationToken);
        var lastPage = (int)Math.Max(0, (Actions.Total - 1) / PageSize);
        if (PageNumber > lastPage)
        {
            // A page past the end (an old link, a typed number) shows the last one, as the SKU list does.
            PageNumber = lastPage;
            Actions = await ShopActionQuery.QueryAsync(log, query with { Offset = OffsetOf(PageNumber) }, Access.Shops, cancellationToken);
        }
    }

    private static int OffsetOf(int page) => (int)Math.Min((long)page * PageSize, int.MaxValue);

    /// <summary>Undoes one applied action through the outbox, guarded like any action, as <c>POST /api/v1/actions/{id}/undo</c> does.</summary>
    public async Task<IActionResult> OnPostUndoAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await Access.UndoAsync(undo, log, id, cancellationToken);
        Notice = outcome.Status == UndoStatus.Queued
            ? string.Format(CultureInfo.CurrentCulture, T["Undo of {0} queued as {1}."], id, string.Join(", ", outcome.ActionIds))
            : string.Format(CultureInfo.CurrentCulture, T["{0} cannot be undone: {1}"], id, outcome.Reason);
        return RedirectToPage(new { Sku, Rule, Status, Since = Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p = PageNumber });
    }

    /// <summary>
    /// Whether the log offers to undo <paramref name="action"/>: an applied action that has a compensation (not a
    /// notification). Whether a later action overwrote it is the undo service's to say when asked.
    /// </summary>
    public bool CanUndo(ActionRecord action) =>
        Session.CanChange && action.Status == ActionStatus.Applied && action.UndoOf is null && Compensation.For(action).Refusal is null;
}
