using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketpilot.Host.WebConsole.Pages;

/// <summary>Signs in with an API key.</summary>
public sealed class LoginModel(ConsoleSession session, IStringLocalizer<ConsoleText> text) : PageModel
{
    /// <summary>Where to go after signing in (a console path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the last attempt failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Checks the key; a wrong one is refused without saying more, and too many wrong ones with 429.</summary>
    public async Task<IActionResult> OnPostAsync([FromForm] string? key)
    {
        var check = await session.SignInAsync(HttpContext, key);
        if (check.RetryAfter is not null)
        {
            Error = text["Too many wrong keys were tried from your address. Try again in {0} s.", check.RetryAfterSeconds];
            var refused = Page();
            refused.StatusCode = StatusCodes.Status429TooManyRequests;
            return refused;
        }

        if (check.Grant is null)
        {
            Error = text["No API key matches."];
            return Page();
        }

        return LocalRedirect(ConsoleSession.ReturnPath(ReturnUrl, Url));
    }
}
