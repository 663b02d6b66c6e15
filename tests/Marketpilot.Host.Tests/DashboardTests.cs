using System.Net;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>The Orleans Dashboard is off unless <c>Marketpilot:Dashboard:Enabled</c> turns it on, then served under <c>/dashboard</c>.</summary>
[Collection(HostCollection.Name)]
public sealed class DashboardTests(HostFixture fixture)
{
    [Fact]
    public async Task TheDashboardIsAbsentByDefault()
    {
        var response = await fixture.Host.Client.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnEnabledDashboardAnswersOnTheHostsOwnPortFromLoopback()
    {
        using var data = new TempFolder();
        await using var host = await HostProcess.StartAsync(data.Path, "--Marketpilot:Sync:Enabled=false", "--Marketpilot:Dashboard:Enabled=true");
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };

        var response = await anonymous.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
