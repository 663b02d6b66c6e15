using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketpilot.Host.WebConsole.Pages;

/// <summary>Keeps the chosen language in a cookie and goes back to the page.</summary>
public sealed class LanguageModel : PageModel
{
    /// <summary>Sets the language; an unknown one is ignored.</summary>
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        if (ConsoleServiceCollectionExtensions.Cultures.FirstOrDefault(c => c.Name == culture) is { } chosen)
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        return LocalRedirect(ConsoleSession.ReturnPath(returnUrl, Url));
    }
}
