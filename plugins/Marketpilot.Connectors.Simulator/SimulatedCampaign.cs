using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Connectors.Simulator;

/// <summary>The mutable state of one ad campaign inside a <see cref="SimulatedShop"/>.</summary>
internal sealed class SimulatedCampaign
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Skus { get; init; }

    /// <summary>The daily budget; spend stops when it is used up.</summary>
    public required decimal Budget { get; set; }

    /// <summary>The cost per click; the reach of the campaign grows with the bid relative to <see cref="ReferenceBid"/>.</summary>
    public required decimal Bid { get; set; }

    public required decimal ReferenceBid { get; init; }

    public CampaignStatus Status { get; set; } = CampaignStatus.Active;
}
