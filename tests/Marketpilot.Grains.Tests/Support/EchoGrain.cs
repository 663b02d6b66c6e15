using Marketpilot.Actions;
using Marketpilot.Sdk.Actions;

namespace Marketpilot.Grains.Tests.Support;

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<RuleAction> EchoActionAsync(RuleAction action) => Task.FromResult(action);

    public Task<ActionRecord> EchoRecordAsync(ActionRecord record) => Task.FromResult(record);
}
