namespace Marketpilot.Sdk.Actions;

/// <summary>The kinds of action a rule can propose.</summary>
public enum ActionKind
{
    /// <summary>Change the SKU's price (<see cref="Actions.SetPrice"/>).</summary>
    SetPrice,

    /// <summary>Create a coupon for the SKU (<see cref="Actions.CreateCoupon"/>).</summary>
    CreateCoupon,

    /// <summary>Take the SKU out of a promotion (<see cref="Actions.RemoveFromPromo"/>).</summary>
    RemoveFromPromo,

    /// <summary>Put the SKU into a promotion (<see cref="Actions.AddToPromo"/>).</summary>
    AddToPromo,

    /// <summary>Pause the SKU's paid advertising (<see cref="Actions.PauseAds"/>).</summary>
    PauseAds,

    /// <summary>Resume the SKU's paid advertising (<see cref="Actions.ResumeAds"/>).</summary>
    ResumeAds,

    /// <summary>Change an ad campaign's bid (<see cref="Actions.SetBid"/>).</summary>
    SetBid,

    /// <summary>Change an ad campaign's daily budget (<see cref="Actions.SetBudget"/>).</summary>
    SetBudget,

    /// <summary>Tell a person something (<see cref="Actions.Notify"/>).</summary>
    Notify,

    /// <summary>Cancel a coupon created earlier (<see cref="Actions.CancelCoupon"/>); the host uses it to undo <see cref="CreateCoupon"/>.</summary>
    CancelCoupon,
}
