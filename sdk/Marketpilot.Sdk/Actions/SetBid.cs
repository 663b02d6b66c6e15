using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Change an ad campaign's bid.</summary>
/// <param name="CampaignId">The ad campaign.</param>
/// <param name="Bid">The new bid in the shop's currency, as the marketplace defines bids; positive.</param>
public sealed record SetBid(string CampaignId, decimal Bid) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.SetBid;
}
