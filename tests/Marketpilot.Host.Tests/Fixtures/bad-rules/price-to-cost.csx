// A deliberately bad rule for the demo's honesty test: it cuts every price towards cost (within the guardrails, which
// allow a zero margin by default), giving the margin away. The demo must show the loss.
if (Sku.Cost > 0 && Sku.Price > Sku.Cost)
{
    SetPrice(Math.Max(Sku.Cost, Math.Round(Sku.Price * 0.8m, 2)), "clearance towards cost");
}
