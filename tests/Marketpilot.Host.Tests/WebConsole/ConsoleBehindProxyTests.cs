using System.Net;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>
/// Behind a reverse proxy that ends TLS, the operator starts the host with <c>ForwardedHeaders_Enabled=true</c>
/// (docs/console.md): the console's cookies are then marked Secure as the browser's https asks, and stay unmarked for
/// plain http.
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

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} set no {name} cookie");
}
