using System.Net;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>Console sessions are held in the host's memory: a restart ends every one, and revives none that was signed out.</summary>
public sealed class ConsoleRestartTests
{
    [Fact]
    public async Task ARestartEndsEverySessionSignedOutOrNotAndTheKeySignsInAgain()
    {
        using var data = new TempFolder();
        string signedOut, live;
        await using (var host = await HostProcess.StartAsync(data.Path, NoSync.Args))
        {
            using var leaving = new ConsoleClient(host.BaseAddress);
            using var staying = new ConsoleClient(host.BaseAddress);
            await leaving.SignInAsync(host.ApiKey);
            await staying.SignInAsync(host.ApiKey);
            (signedOut, live) = (leaving.Session!, staying.Session!);
            using var signOut = await leaving.PostAsync("/console/logout", new Dictionary<string, string>(), "/console");
            Assert.Equal(0, await host.StopAsync());
        }

        await using var restarted = await HostProcess.StartAsync(data.Path, NoSync.Args);
        using var keptSignedOut = ConsoleClient.WithSession(restarted.BaseAddress, signedOut);
        using var keptLive = ConsoleClient.WithSession(restarted.BaseAddress, live);
        using var fresh = new ConsoleClient(restarted.BaseAddress);
        using var signedOutAnswer = await keptSignedOut.GetAsync("/console");
        using var liveAnswer = await keptLive.GetAsync("/console");
        using var signIn = await fresh.SignInAsync(restarted.ApiKey);

        Assert.Equal(HttpStatusCode.Redirect, signedOutAnswer.StatusCode);
        Assert.StartsWith("/console/login", signedOutAnswer.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, liveAnswer.StatusCode);
        Assert.StartsWith("/console/login", liveAnswer.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("<h1>Overview</h1>", await fresh.PageAsync("/console"), StringComparison.Ordinal);
    }
}
