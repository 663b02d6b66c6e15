using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Marketpilot.Host.Hosting;
using Marketpilot.Host.Rules;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;

namespace Marketpilot.Host.WebConsole;

/// <summary>
/// The web console under <c>/console</c>: Razor Pages on the API's port, signed in with an API key (a session held on
/// the server, <see cref="ConsoleSessionStore"/>, whose cookie carries only the session's id), in Russian or English.
/// </summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>The languages the console speaks; the first is the default (the sellers it is for read Russian first).</summary>
    public static readonly CultureInfo[] Cultures = [new("ru"), new("en")];

    /// <summary>Adds Razor Pages, the console's cookie sign-in, antiforgery and localization, bound to <c>Marketpilot:Console</c>.</summary>
    public static IServiceCollection AddMarketpilotConsole(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptionsWithValidateOnStart<ConsoleOptions, ConsoleOptionsValidator>().Bind(configuration.GetSection(ConsoleOptions.SectionName));
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/WebConsole/Pages";
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/Login");
            pages.Conventions.AllowAnonymousToPage("/Language");
        });
        services.AddLocalization();
        // Russian text stays readable in the page source (and half the size) instead of becoming character references.
        services.Configure<WebEncoderOptions>(encoder => encoder.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddScoped<ConsoleSession>();
        services.AddSingleton<RulePreview>();

        // Antiforgery tokens survive a restart: the keys that protect them (and session cookies) live in the data folder,
        // readable by the host's user only, like data/api-key (so the key manager's warning about unencrypted keys is not
        // shown). Sessions do not: they are held in memory, so a restart signs everyone out and never revives one.
        services.AddDataProtection()
            .SetApplicationName("marketpilot")
            .PersistKeysToFileSystem(KeyFolder(dataPath));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "marketpilot-console";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/console/login";
                cookie.LogoutPath = "/console/logout";
                cookie.AccessDeniedPath = "/console";
                cookie.SlidingExpiration = true;
            });
        services.AddSingleton<ConsoleSessionStore>();
        // The cookie carries a session id; signing out removes the session on the server, so a copy of the cookie dies too.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ConsoleSessionStore, Microsoft.Extensions.Options.IOptions<ConsoleOptions>>((cookie, store, console) =>
            {
                cookie.SessionStore = store;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(console.Value.SessionHours);
            });
        services.AddAuthorization();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "marketpilot-console-csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    private static DirectoryInfo KeyFolder(string dataPath)
    {
        var folder = Path.Combine(dataPath, "console-keys");
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(folder)
            : Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Serves the console's pages and static files; <c>/</c> opens the console.</summary>
    public static WebApplication MapMarketpilotConsole(this WebApplication app)
    {
        app.UseConsoleSecurityHeaders();
        app.UseStaticFiles();
        app.UseRequestLocalization(localization =>
        {
            localization.SupportedCultures = Cultures;
            localization.SupportedUICultures = Cultures;
            localization.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            localization.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => Results.Redirect("/console")).ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}
