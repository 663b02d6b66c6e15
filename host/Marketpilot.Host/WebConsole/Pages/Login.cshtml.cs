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

    /// <summary>Checks the key; a wrong one is refused without saying more.</summary>
    public async Task<IActionResult> OnPostAsync([FromForm] string? key)
    {
        if (!await session.SignInAsync(HttpContext, key))
        {
            Error = text["No API key matches."];
            return Page();
        }

        return LocalRedirect(ConsoleSession.ReturnPath(ReturnUrl, Url));
    }
}
