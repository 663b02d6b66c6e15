using System.Text.Json;
using System.Text.RegularExpressions;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>The console's lists given page numbers past either end, as an old link or a typed address gives them.</summary>
public sealed partial class ConsolePagingTests(ConsoleHostFixture fixture) : IClassFixture<ConsoleHostFixture>
{
    private HostProcess Host => fixture.Host;

    [Theory]
    [InlineData("/console/actions")]
    [InlineData("/console/skus")]
    public async Task APagePastEitherEndShowsTheNearestPage(string list)
    {
        using var client = new ConsoleClient(Host.BaseAddress);
        await client.SignInAsync(Host.ApiKey);
        await Host.EventuallyAsync(
            async () => (await Host.GetJsonAsync<JsonElement>("/api/v1/actions?limit=1")).GetProperty("total").GetInt64() > 0 ? Some.Json("true") : null,
            TimeSpan.FromSeconds(60), "an action in the log");

        var last = PageLabel(await client.PageAsync($"{list}?p=2147483647"));
        var first = PageLabel(await client.PageAsync($"{list}?p=-3"));

        Assert.Matches(@"^(\d+) / \1$", last);
        Assert.Matches(@"^1 / \d+$", first);
    }

    // "Page 3 / 3" in either language: the numbers only.
    private static string PageLabel(string page) => PageNumbers().Match(page) is { Success: true } match ? match.Groups[1].Value : $"no page label in: {page}";

    [GeneratedRegex(@"(-?\d+ / -?\d+)")]
    private static partial Regex PageNumbers();
}
