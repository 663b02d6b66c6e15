namespace Marketpilot.Grains.Tests.Support;

/// <summary>A test grain that registers one reminder only when told to, so a reminder seen after a restart came from the store.</summary>
[Alias("Marketpilot.Grains.Tests.Support.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) the reminder <see cref="ReminderProbeGrain.ReminderName"/>.</summary>
    [Alias("RegisterAsync")]
    Task RegisterAsync(TimeSpan dueTime, TimeSpan period);

    /// <summary>Removes the reminder.</summary>
    [Alias("UnregisterAsync")]
    Task UnregisterAsync();

    /// <summary>Whether the silo's reminder service has the reminder (<c>GetReminder</c>).</summary>
    [Alias("IsRegisteredAsync")]
    Task<bool> IsRegisteredAsync();
}
