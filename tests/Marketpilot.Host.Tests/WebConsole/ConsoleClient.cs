using System.Net;
using System.Text.RegularExpressions;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>A browser without a browser: cookies kept, redirects not followed, the antiforgery token read from each form.</summary>
public sealed partial class ConsoleClient : IDisposable
{
    public const string SessionCookie = "marketpilot-console";

    private readonly HttpClient _http;

    /// <param name="from">The loopback address to connect from (the host counts wrong keys per client address); 127.0.0.1 when null.</param>
    public ConsoleClient(Uri baseAddress, string? culture = "en", IPAddress? from = null)
    {
        Cookies = new CookieContainer();
        if (culture is not null)
        {
            Cookies.Add(baseAddress, new Cookie(".AspNetCore.Culture", $"c={culture}|uic={culture}"));
        }

        var handler = new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = LoopbackFrom.Connect(from);
        }

        _http = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The session cookie's value, as a copy of it taken from the browser would be.</summary>
    public string? Session => Cookies.GetCookies(_http.BaseAddress!)[SessionCookie]?.Value;

    /// <summary>A client that sends a kept copy of a session cookie.</summary>
    public static ConsoleClient WithSession(Uri baseAddress, string session)
    {
        var client = new ConsoleClient(baseAddress);
        client.Cookies.Add(baseAddress, new Cookie(SessionCookie, session));
        return client;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<string> PageAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form to <paramref name="path"/>, with the antiforgery token of the page at <paramref name="tokenFrom"/> unless that is null.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IDictionary<string, string> fields, string? tokenFrom)
    {
        var form = new Dictionary<string, string>(fields);
        if (tokenFrom is not null)
        {
            form["__RequestVerificationToken"] = TokenIn(await PageAsync(tokenFrom));
        }

        return await _http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public async Task<HttpResponseMessage> SignInAsync(string key) =>
        await PostAsync("/console/login", new Dictionary<string, string> { ["key"] = key }, "/console/login");

    public static string TokenIn(string html) =>
        Token().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("the page has no antiforgery token");

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
