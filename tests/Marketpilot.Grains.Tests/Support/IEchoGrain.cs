using Marketpilot.Actions;
using Marketpilot.Sdk.Actions;

namespace Marketpilot.Grains.Tests.Support;

[Alias("Marketpilot.Grains.Tests.Support.IEchoGrain")]
public interface IEchoGrain : IGrainWithStringKey
{
    [Alias("EchoActionAsync")]
    Task<RuleAction> EchoActionAsync(RuleAction action);

    [Alias("EchoRecordAsync")]
    Task<ActionRecord> EchoRecordAsync(ActionRecord record);
}
