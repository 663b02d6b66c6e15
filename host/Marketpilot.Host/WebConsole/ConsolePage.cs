using Marketpilot.Host.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketpilot.Host.WebConsole;

/// <summary>
/// A console page: admits the signed-in key before any handler runs, as the API's key filter does for a route. A page
/// about the whole host (<see cref="AdminOnly"/>) refuses a scoped key; a read-only key may not post (every post also
/// carries an antiforgery token, which Razor Pages check).
/// </summary>
public abstract class ConsolePage : PageModel
{
    private ConsoleSession? _session;

    /// <summary>The signed-in key.</summary>
    public ConsoleSession Session => _session ??= HttpContext.RequestServices.GetRequiredService<ConsoleSession>();

    /// <summary>The request's shop access, admitted for the signed-in key.</summary>
    protected ShopAccess Access => Session.Access;

    /// <summary>The texts in the request's language.</summary>
    protected IStringLocalizer<ConsoleText> T => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ConsoleText>>();

    /// <summary>What the last change did, shown once at the top of the page.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Whether only an admin key may open the page (it concerns the whole host).</summary>
    protected virtual bool AdminOnly => false;

    /// <inheritdoc />
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!Session.Admit(User))
        {
            await HttpContext.SignOutAsync();
            context.Result = Redirect("/console/login");
            return;
        }

        if (AdminOnly && !Session.IsAdmin)
        {
            context.Result = new ContentResult { StatusCode = StatusCodes.Status403Forbidden, Content = T["This page needs an admin API key."] };
            return;
        }

        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method) && !Session.CanChange)
        {
            context.Result = new ContentResult { StatusCode = StatusCodes.Status403Forbidden, Content = T["This API key is read-only."] };
            return;
        }

        await next();
    }
}
