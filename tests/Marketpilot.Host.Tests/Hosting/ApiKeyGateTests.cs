using System.Net;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Host.Tests.WebConsole;

namespace Marketpilot.Host.Tests.Hosting;

/// <summary>
/// Wrong API keys, on the API or the console's sign-in, count against the client's address: past the limit the address
/// is refused with 429 and a Retry-After, even with the right key, while other addresses sign in. Each test connects
/// from loopback addresses of its own (<see cref="LoopbackFrom"/>), so it locks out no other test.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ApiKeyGateTests(HostFixture fixture)
{
    // FailedKeyLimitOptions' defaults, which the shared host runs with.
    private const int Failures = 10;

    private const int WindowSeconds = 60;

    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task AfterTooManyWrongKeysAConsoleSignInFromThatAddressIsRefusedEvenWithTheRightKeyWhileOtherAddressesSignIn()
    {
        var guesser = LoopbackFrom.Fresh();
        using var english = new ConsoleClient(Host.BaseAddress, from: guesser);
        using var russian = new ConsoleClient(Host.BaseAddress, culture: "ru", from: guesser);
        using var elsewhere = new ConsoleClient(Host.BaseAddress, from: LoopbackFrom.Fresh());

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < Failures; i++)
        {
            using var guess = await english.SignInAsync($"guessed-key-{i}");
            wrong.Add(guess.StatusCode);
        }

        using var right = await english.SignInAsync(Host.ApiKey);
        using var rightInRussian = await russian.SignInAsync(Host.ApiKey);
        using var other = await elsewhere.SignInAsync(Host.ApiKey);

        Assert.All(wrong, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.InRange(right.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, WindowSeconds);
        Assert.Contains("Too many wrong keys were tried from your address. Try again in ", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("С вашего адреса введено слишком много неверных ключей.", await rightInRussian.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(english.Session);
        Assert.Equal("/console", other.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AfterTooManyWrongApiKeysTheApiAndTheConsoleRefuseThatAddressWhileOtherAddressesAreServed()
    {
        var guesser = LoopbackFrom.Fresh();
        var guesses = Enumerable.Range(0, Failures).Select(i => $"guessed-api-key-{i}-{Guid.NewGuid():N}").ToList();

        var wrong = new List<HttpStatusCode>();
        foreach (var guess in guesses)
        {
            using var client = LoopbackFrom.Client(Host.BaseAddress, guesser, guess);
            using var answer = await client.GetAsync("/api/v1/actions");
            wrong.Add(answer.StatusCode);
        }

        using var right = LoopbackFrom.Client(Host.BaseAddress, guesser, Host.ApiKey);
        using var refused = await right.GetAsync("/api/v1/actions");
        using var console = new ConsoleClient(Host.BaseAddress, from: guesser);
        using var signIn = await console.SignInAsync(Host.ApiKey);
        using var elsewhere = LoopbackFrom.Client(Host.BaseAddress, LoopbackFrom.Fresh(), Host.ApiKey);
        using var served = await elsewhere.GetAsync("/api/v1/actions");

        Assert.All(wrong, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        var problem = await Answers.JsonAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many wrong API keys", problem.GetProperty("title").GetString());
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, WindowSeconds);
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        await Host.EventuallyAsync(
            () => Host.Output.Contains($"Client {guesser} presented {Failures} wrong API keys within {WindowSeconds} s (the last to /api/v1/actions)", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the warning that the address reached the limit");
        Assert.DoesNotContain(guesses, guess => Host.Output.Contains(guess, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestsWithoutAKeyAreNotCountedAsGuesses()
    {
        var client = LoopbackFrom.Fresh();
        using var keyless = LoopbackFrom.Client(Host.BaseAddress, client, key: null);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= Failures; i++)
        {
            using var answer = await keyless.GetAsync("/api/v1/actions");
            answers.Add(answer.StatusCode);
        }

        using var right = LoopbackFrom.Client(Host.BaseAddress, client, Host.ApiKey);
        using var served = await right.GetAsync("/api/v1/actions");

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Theory]
    [InlineData("--Marketpilot:Api:FailedKeyLimit:Failures=0", "Failures")]
    [InlineData("--Marketpilot:Api:FailedKeyLimit:WindowSeconds=0", "WindowSeconds")]
    public async Task AnUnusableLimitStopsTheHostAtStartNamingTheKey(string setting, string key)
    {
        using var data = new TempFolder();

        var result = await Cli.RunAsync("--data", data.Path, "--urls", "http://127.0.0.1:0", "--Marketpilot:Sync:Enabled=false", setting);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"The field FailedKeyLimitOptions.{key} must be between", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }
}
