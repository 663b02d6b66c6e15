using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Connectors.Ozon.Pull;

/// <summary>How Ozon's campaign fields read in Marketpilot's terms.</summary>
internal static class AdCampaigns
{
    public const string Running = "CAMPAIGN_STATE_RUNNING";
    public const string Inactive = "CAMPAIGN_STATE_INACTIVE";

    /// <summary>Running is active; archived and finished have ended; every other state (stopped, planned, in moderation) is paused.</summary>
    public static CampaignStatus Status(string state) => state switch
    {
        Running => CampaignStatus.Active,
        "CAMPAIGN_STATE_ARCHIVED" or "CAMPAIGN_STATE_FINISHED" => CampaignStatus.Ended,
        _ => CampaignStatus.Paused,
    };

    /// <summary>
    /// The daily budget in roubles: Ozon's <c>dailyBudget</c> when the campaign has one, else a seventh of its
    /// <c>weeklyBudget</c> (Ozon moved campaigns to weekly budgets in May 2026).
    /// </summary>
    public static decimal DailyBudget(Wire.AdCampaign campaign) =>
        OzonMoney.FromMicroString(campaign.DailyBudget) is > 0 and var daily ? daily : decimal.Round(OzonMoney.FromMicroString(campaign.WeeklyBudget) / 7, 2);

    public static bool HasDailyBudget(Wire.AdCampaign campaign) => OzonMoney.FromMicroString(campaign.DailyBudget) > 0;
}
