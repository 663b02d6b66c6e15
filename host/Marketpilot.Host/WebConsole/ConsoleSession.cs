using System.Security.Claims;
using Marketpilot.Host.Api;
using Marketpilot.Host.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketpilot.Host.WebConsole;

/// <summary>
/// Who is signed in to the console: the grant of the API key they signed in with. The session (held on the server,
/// <see cref="ConsoleSessionStore"/>; the cookie carries only its id) keeps the key's fingerprint; each request finds the
/// grant again, so a key removed from the configuration ends its sessions at the next restart, and the request's
/// <see cref="ShopAccess"/> is admitted exactly as the API's key filter admits it.
/// </summary>
public sealed class ConsoleSession(ApiKeyGate gate, ApiKeyStore keys, ShopAccess access)
{
    private const string FingerprintClaim = "marketpilot:key";

    private ApiKeyGrant? _grant;

    /// <summary>The signed-in key's grant; <see langword="null"/> before <see cref="Admit"/>.</summary>
    public ApiKeyGrant? Grant => _grant;

    /// <summary>Whether the signed-in key is an admin key (rules, plugins and the kill switch need one).</summary>
    public bool IsAdmin => _grant?.IsAdmin ?? false;

    /// <summary>Whether the signed-in key may change things (a read-only key may not).</summary>
    public bool CanChange => _grant is { ReadOnly: false };

    /// <summary>The request's shop access, admitted for the signed-in key.</summary>
    public ShopAccess Access => access;

    /// <summary>
    /// Signs in with <paramref name="presented"/> when it is a key (<see cref="ApiKeyGate"/>: a wrong key counts against
    /// the client's address, and an address with too many is refused).
    /// </summary>
    public async Task<ApiKeyCheck> SignInAsync(HttpContext http, string? presented)
    {
        var check = gate.Check(http, presented?.Trim());
        if (check.Grant is not null)
        {
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, PrincipalOf(presented!.Trim()));
        }

        return check;
    }

    /// <summary>Who signs in with <paramref name="key"/>: only the key's fingerprint is kept.</summary>
    public static ClaimsPrincipal PrincipalOf(string key) =>
        new(new ClaimsIdentity([new Claim(FingerprintClaim, ApiKeyStore.Fingerprint(key))], CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The fingerprint of the key <paramref name="user"/> signed in with, if any.</summary>
    public static string? FingerprintOf(ClaimsPrincipal user) => user.FindFirst(FingerprintClaim)?.Value;

    /// <summary>Where a sign-in or a language choice goes back to: a console page of this host, else the overview.</summary>
    public static string ReturnPath(string? url, Microsoft.AspNetCore.Mvc.IUrlHelper urls) =>
        url is not null && url.StartsWith("/console", StringComparison.Ordinal) && urls.IsLocalUrl(url) ? url : "/console";

    /// <summary>Admits the signed-in user's grant for this request; <see langword="false"/> when the key is no longer accepted.</summary>
    public bool Admit(ClaimsPrincipal user)
    {
        if (FingerprintOf(user) is not { } fingerprint || keys.FindByFingerprint(fingerprint) is not { } grant)
        {
            return false;
        }

        _grant = grant;
        access.Admit(grant);
        return true;
    }
}
