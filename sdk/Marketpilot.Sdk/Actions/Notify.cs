using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Tell a person or a role something.</summary>
/// <param name="Recipient">A role (<c>purchasing</c>, <c>manager</c>, <c>marketing</c>) or a recipient the notification channels know.</param>
/// <param name="Message">The text to deliver.</param>
public sealed record Notify(string Recipient, string Message) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.Notify;
}
