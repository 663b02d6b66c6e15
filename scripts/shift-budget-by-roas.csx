#load "ide/globals.csx" // editor support only; the host skips this line
// @triggers: daily
// Shift ad budget by ROAS: among the active ad campaigns covering the SKU that spent money on their
// latest day, when the best earns at least 3 times its spend and the worst under 1.5 times, 20% of the
// worst one's daily budget moves to the best one. The total stays the same; the money follows returns.
const decimal BestAtLeast = 3m;
const decimal WorstUnder = 1.5m;
const decimal Share = 0.20m;

CampaignSnapshot? best = null;
CampaignSnapshot? worst = null;
for (var i = 0; i < Campaigns.Count; i++)
{
    var c = Campaigns[i];
    if (c.Kind == CampaignKind.Ad && c.Status == CampaignStatus.Active && c.Spend > 0 && c.Budget > 0)
    {
        best = best is null || c.Roas > best.Roas ? c : best;
        worst = worst is null || c.Roas < worst.Roas ? c : worst;
    }
}

if (best is not null && worst is not null && best != worst && best.Roas >= BestAtLeast && worst.Roas < WorstUnder)
{
    var moved = Math.Round(worst.Budget * Share, 2);
    SetBudget(worst.CampaignId, worst.Budget - moved, $"ROAS {worst.Roas:0.00}: {moved:0.00} of its budget moves to {best.CampaignId}");
    SetBudget(best.CampaignId, best.Budget + moved, $"ROAS {best.Roas:0.00}: takes {moved:0.00} of budget from {worst.CampaignId}");
}
