using System.Collections.Concurrent;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;
using Xunit;

namespace Marketpilot.Sdk.TestKit;

/// <summary>
/// The notification channel conformance suite: derive one public class per channel in your test project, return your
/// channel pointed at a test endpoint from <see cref="CreateChannel"/>, and every check of <see cref="ChannelConformance"/>
/// runs as its own test.
/// </summary>
/// <remarks>
/// <para>
/// Run the endpoint in the test (a loopback HTTP receiver, an SMTP server on a free port): start it in your class's
/// constructor or <c>IAsyncLifetime.InitializeAsync</c> (xUnit makes one instance per test), and override
/// <see cref="CreateOptions"/> to let the kit count what arrived (<see cref="ChannelConformanceOptions.CountDeliveries"/>)
/// and to create a channel for an endpoint that does not answer (<see cref="ChannelConformanceOptions.CreateUnreachableChannel"/>).
/// </para>
/// <para>
/// The suite disposes every channel it created (<see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>) when the
/// test ends. A skipped check passes; its reason is in the check's message.
/// </para>
/// </remarks>
public abstract class ChannelConformanceTests
{
    /// <summary>Whether the checks that deliver run (capability flag); <see langword="false"/> when there is no test endpoint to deliver to.</summary>
    protected virtual bool SendsNotifications => true;

    /// <summary>
    /// The folder whose <c>plugin.json</c> must declare the kind <c>channel</c>. The default is the test's output folder, where a
    /// referenced plugin project's <c>plugin.json</c> (copied to output) lands; <see langword="null"/> skips that check.
    /// </summary>
    protected virtual string? PluginFolder => AppContext.BaseDirectory;

    /// <summary>Creates the channel under test, pointed at the test endpoint; called once per test, so each test gets a fresh one.</summary>
    /// <returns>The channel.</returns>
    protected abstract INotificationChannel CreateChannel();

    /// <summary>How the checks exercise the channel; override to set the recipient, count deliveries or supply an unreachable channel.</summary>
    /// <returns>
    /// The options; <see cref="ChannelConformanceOptions.IncludeSendChecks"/> is then set from <see cref="SendsNotifications"/>, and
    /// <see cref="ChannelConformanceOptions.PluginFolder"/> from <see cref="PluginFolder"/> unless set.
    /// </returns>
    protected virtual ChannelConformanceOptions CreateOptions() => new();

    /// <summary>Check <see cref="ConformanceCheckNames.ChannelManifestKind"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task ManifestDeclaresTheChannelKind() => AssertCheckAsync(ConformanceCheckNames.ChannelManifestKind);

    /// <summary>Check <see cref="ConformanceCheckNames.ChannelName"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task NameIsValid() => AssertCheckAsync(ConformanceCheckNames.ChannelName);

    /// <summary>Check <see cref="ConformanceCheckNames.ChannelDelivers"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task AValidNotificationIsDeliveredOnce() => AssertCheckAsync(ConformanceCheckNames.ChannelDelivers);

    /// <summary>Check <see cref="ConformanceCheckNames.ChannelRepeatSafe"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task TheSameNotificationTwiceIsSafe() => AssertCheckAsync(ConformanceCheckNames.ChannelRepeatSafe);

    /// <summary>Check <see cref="ConformanceCheckNames.ChannelInvalidRejected"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task MalformedNotificationsAreRejectedNotThrown() => AssertCheckAsync(ConformanceCheckNames.ChannelInvalidRejected);

    /// <summary>Check <see cref="ConformanceCheckNames.ChannelConcurrentSends"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task ConcurrentNotificationsAreEachDeliveredOnce() => AssertCheckAsync(ConformanceCheckNames.ChannelConcurrentSends);

    /// <summary>Check <see cref="ConformanceCheckNames.ChannelUnreachableRetryable"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task AnUnreachableEndpointIsARetryableFailure() => AssertCheckAsync(ConformanceCheckNames.ChannelUnreachableRetryable);

    /// <summary>Check <see cref="ConformanceCheckNames.ChannelCancellation"/>.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [SkippableFact]
    public Task CancellationIsHonoured() => AssertCheckAsync(ConformanceCheckNames.ChannelCancellation);

    /// <summary>Runs one named check and fails the test with the check's name and message when it fails.</summary>
    /// <param name="checkName">One of <see cref="ConformanceCheckNames.Channel"/>.</param>
    /// <returns>The result, for a derived test that wants to look further.</returns>
    protected async Task<ConformanceCheckResult> AssertCheckAsync(string checkName)
    {
        var created = new ConcurrentBag<INotificationChannel>();
        T Track<T>(T channel)
            where T : INotificationChannel
        {
            created.Add(channel);
            return channel;
        }

        var options = CreateOptions();
        options = options with
        {
            IncludeSendChecks = SendsNotifications,
            PluginFolder = options.PluginFolder ?? PluginFolder,
            CreateUnreachableChannel = options.CreateUnreachableChannel is { } unreachable ? () => Track(unreachable()) : null,
        };
        try
        {
            var result = await new ChannelConformance(() => Track(CreateChannel()), options).RunAsync(checkName);
            // A check that could not run is reported as skipped, never as passed.
            Skip.If(result.Outcome == ConformanceOutcome.Skipped, result.ToString());
            Assert.True(result.Outcome == ConformanceOutcome.Passed, result.ToString());
            return result;
        }
        finally
        {
            foreach (var channel in created.Distinct())
            {
                if (channel is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync();
                }
                else
                {
                    (channel as IDisposable)?.Dispose();
                }
            }
        }
    }
}
