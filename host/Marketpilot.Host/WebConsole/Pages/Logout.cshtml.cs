using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketpilot.Host.WebConsole.Pages;

/// <summary>
/// Ends the session on the host (<see cref="ConsoleSessionStore"/>), so a copy of its cookie is refused too; a post with an
/// antiforgery token, so no other site can sign a user out.
/// </summary>
public sealed class LogoutModel : PageModel
{
    /// <summary>Signing out is a post; a get goes back to the console.</summary>
    public IActionResult OnGet() => Redirect("/console");

    /// <summary>Ends the session.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync();
        return Redirect("/console/login");
    }
}
