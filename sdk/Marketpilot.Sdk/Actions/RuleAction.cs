using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>
/// Something a rule asks the host to do for the SKU it is evaluating. Rules only propose actions;
/// the host records each one, decides whether it may go ahead, and has the marketplace's connector
/// (or a notification channel) carry it out.
/// </summary>
/// <remarks>
/// In JSON an action is an object whose <c>kind</c> property names its type in camelCase
/// (<c>setPrice</c>, <c>createCoupon</c>, ...), followed by its parameters.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SetPrice), "setPrice")]
[JsonDerivedType(typeof(CreateCoupon), "createCoupon")]
[JsonDerivedType(typeof(RemoveFromPromo), "removeFromPromo")]
[JsonDerivedType(typeof(AddToPromo), "addToPromo")]
[JsonDerivedType(typeof(PauseAds), "pauseAds")]
[JsonDerivedType(typeof(ResumeAds), "resumeAds")]
[JsonDerivedType(typeof(SetBid), "setBid")]
[JsonDerivedType(typeof(SetBudget), "setBudget")]
[JsonDerivedType(typeof(Notify), "notify")]
[JsonDerivedType(typeof(CancelCoupon), "cancelCoupon")]
public abstract record RuleAction
{
    /// <summary>Why the rule proposes this action, in words a seller reads in the action log.</summary>
    public string? Reason { get; init; }

    /// <summary>The kind of the action.</summary>
    [JsonIgnore]
    public abstract ActionKind Kind { get; }
}
