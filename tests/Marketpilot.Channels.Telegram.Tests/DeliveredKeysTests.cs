using Marketpilot.Channels.Shared;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Channels.Telegram.Tests;

/// <summary>The record of delivered keys both HTTP channels keep in their state folder (shared source, compiled into this plugin).</summary>
public sealed class DeliveredKeysTests : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("delivered-keys-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private string FilePath => Path.Combine(_folder.FullName, DeliveredKeys.FileName);

    public void Dispose() => _folder.Delete(recursive: true);

    private DeliveredKeys Open() => DeliveredKeys.Open(_folder.FullName, Retention, _time, null);

    [Fact]
    public void AKeyRecordedBeforeARestartIsStillKnown()
    {
        using (var keys = Open())
        {
            keys.Add("action-1|100|1/1");
        }

        using var reopened = Open();

        Assert.True(reopened.Contains("action-1|100|1/1"));
        Assert.False(reopened.Contains("action-2|100|1/1"));
    }

    [Fact]
    public void ALineLeftUnfinishedByACrashIsDroppedAndTheRestKept()
    {
        using (var keys = Open())
        {
            keys.Add("kept");
        }

        File.AppendAllText(FilePath, "{\"Key\":\"torn\",\"At\":\"2026-12-0");

        using var reopened = Open();

        Assert.True(reopened.Contains("kept"));
        Assert.False(reopened.Contains("torn"));
        Assert.Single(File.ReadAllLines(FilePath));
    }

    [Fact]
    public void KeysOlderThanTheRetentionAreDroppedWhenTheFileIsOpened()
    {
        using (var keys = Open())
        {
            keys.Add("old");
            _time.Advance(TimeSpan.FromDays(20));
            keys.Add("recent");
        }

        _time.Advance(TimeSpan.FromDays(15));
        using var reopened = Open();

        Assert.False(reopened.Contains("old"));
        Assert.True(reopened.Contains("recent"));
        Assert.Single(File.ReadAllLines(FilePath));
    }

    [Fact]
    public async Task OnlyADeliveryIsRecordedSoAFailureIsSentAgain()
    {
        using var keys = Open();
        var sends = 0;
        Task<DeliveryResult> Send(DeliveryResult result)
        {
            sends++;
            return Task.FromResult(result);
        }

        var failed = await keys.SendOnceAsync("k", () => Send(new DeliveryResult(DeliveryStatus.RetryableFailure, "503")), CancellationToken.None);
        var delivered = await keys.SendOnceAsync("k", () => Send(DeliveryResult.Delivered), CancellationToken.None);
        var repeated = await keys.SendOnceAsync("k", () => Send(DeliveryResult.Delivered), CancellationToken.None);

        Assert.Equal(DeliveryStatus.RetryableFailure, failed.Status);
        Assert.Equal(DeliveryResult.Delivered, delivered);
        Assert.Equal(DeliveryResult.Delivered, repeated);
        Assert.Equal(2, sends);
    }
}
