using System.Net;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>
/// Behind a reverse proxy that ends TLS, the operator starts the host with <c>ForwardedHeaders_Enabled=true</c>
/// (docs/console.md): the console's cookies are then marked Secure as the browser's https asks, and stay unmarked for
/// plain http, and wrong keys count against the client the proxy names (an IPv6 client by its /64), not the proxy.
/// </summary>
public sealed class ConsoleBehindProxyTests : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "marketpilot-tests", "proxy-" + Guid.NewGuid().ToString("N"));
    private HostProcess? _host;

    public async Task InitializeAsync() => _host = await HostProcess.StartAsync(_dataPath, ["--ForwardedHeaders_Enabled=true", .. NoSync.Args]);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public async Task TheConsolesCookiesAreSecureWhenTheProxySaysTheBrowserUsedHttps(string forwardedProto, bool secure)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _host!.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);

        using var login = await http.GetAsync("/console/login");
        var csrf = Cookie(login, "marketpilot-console-csrf");
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = ConsoleClient.TokenIn(await login.Content.ReadAsStringAsync()),
                ["key"] = _host.ApiKey,
            }),
        };
        signIn.Headers.Add("Cookie", csrf.Split(';')[0]);
        using var signedIn = await http.SendAsync(signIn);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(secure, csrf.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(secure, Cookie(signedIn, "marketpilot-console").Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", "203.0.113.8")]
    [InlineData("2001:db8:0:1::7", "2001:db8:0:1::8", "2001:db8:0:2::7")]
    public async Task WrongKeysCountAgainstTheClientTheProxyNamesAndItsIPv6Network(string guesser, string sameClient, string otherClient)
    {
        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            wrong.Add(await ActionsStatusAsync(guesser, $"guessed-key-{i}"));
        }

        var same = await ActionsStatusAsync(sameClient, _host!.ApiKey);
        var other = await ActionsStatusAsync(otherClient, _host.ApiKey);

        Assert.All(wrong, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, same);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    private async Task<HttpStatusCode> ActionsStatusAsync(string forwardedFor, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/actions");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Api-Key", key);
        using var client = new HttpClient { BaseAddress = _host!.BaseAddress };
        using var answer = await client.SendAsync(request);
        return answer.StatusCode;
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} set no {name} cookie");
}
