// Editor support for rules, nothing else. A rule that starts with
//     #load "ide/globals.csx"
// gets completion and error checking for its globals in VS Code (C# extension with OmniSharp) and
// Rider. The host skips that line, never compiles this file, and gives rules the same members from
// Marketpilot.Sdk.Rules.RuleGlobals. The reference below is the SDK assembly given to dotnet new (--sdkAssembly).
#r "MARKETPILOT_SDK_ASSEMBLY"

global using Marketpilot.Sdk.Actions;
global using Marketpilot.Sdk.Catalog;
global using Marketpilot.Sdk.Events;
global using Marketpilot.Sdk.Rules;

Marketpilot.Sdk.Rules.RuleGlobals Globals => throw new System.InvalidOperationException("editor support only: rules run in the Marketpilot host");

Marketpilot.Sdk.Catalog.SkuSnapshot Sku => Globals.Sku;
System.Collections.Generic.IReadOnlyList<Marketpilot.Sdk.Catalog.DailyMetrics> History => Globals.History;
Marketpilot.Sdk.Catalog.MetricWindow Day => Globals.Day;
Marketpilot.Sdk.Catalog.MetricWindow Week => Globals.Week;
Marketpilot.Sdk.Catalog.MetricWindow Month => Globals.Month;
System.Collections.Generic.IReadOnlyList<Marketpilot.Sdk.Catalog.CampaignSnapshot> Campaigns => Globals.Campaigns;
Marketpilot.Sdk.Rules.RuleState Rule => Globals.Rule;
System.DateTimeOffset Now => Globals.Now;
Marketpilot.Sdk.Events.MarketplaceEvent? Event { get { return Globals.Event; } }
System.Collections.Generic.IReadOnlyList<Marketpilot.Sdk.Actions.RuleAction> Actions => Globals.Actions;
System.Collections.Generic.IReadOnlyList<string> Messages => Globals.Messages;
bool IsNewItem(int days = 30) => Globals.IsNewItem(days);
bool IsCoolingDown(System.TimeSpan cooldown) => Globals.IsCoolingDown(cooldown);
void SetPrice(decimal price, string? reason = null) => Globals.SetPrice(price, reason);
void CreateCoupon(decimal discount, System.TimeSpan duration, string? reason = null) => Globals.CreateCoupon(discount, duration, reason);
void RemoveFromPromo(string? promotionId = null, string? reason = null) => Globals.RemoveFromPromo(promotionId, reason);
void AddToPromo(string promotionId, string? reason = null) => Globals.AddToPromo(promotionId, reason);
void PauseAds(string? campaignId = null, string? reason = null) => Globals.PauseAds(campaignId, reason);
void ResumeAds(string? campaignId = null, string? reason = null) => Globals.ResumeAds(campaignId, reason);
void SetBid(string campaignId, decimal bid, string? reason = null) => Globals.SetBid(campaignId, bid, reason);
void SetBudget(string campaignId, decimal budget, string? reason = null) => Globals.SetBudget(campaignId, budget, reason);
void Notify(string recipient, string message) => Globals.Notify(recipient, message);
void Log(string message) => Globals.Log(message);
