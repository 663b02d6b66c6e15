#load "ide/globals.csx" // editor support only; the host skips this line
// Minimum margin: a price never stays under cost / (1 - 12%).
// When the margin is below 12%, proposes the lowest price that restores it, rounded up to the cent
// (cost 100 gives 113.64).
const decimal MarginFloor = 0.12m;

if (Sku.Cost > 0 && Sku.Margin < MarginFloor)
{
    var floor = Math.Ceiling(Sku.Cost / (1 - MarginFloor) * 100) / 100;
    SetPrice(floor, $"margin {Sku.Margin:0.0%} is below {MarginFloor:0%}");
}
