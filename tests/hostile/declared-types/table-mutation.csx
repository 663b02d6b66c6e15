// expect: refused MP1002 'Floors' is a static table
static readonly Dictionary<string, decimal> Floors = new() { ["ozon"] = 0.12m };
Floors[Sku.Key.ToString()] = Sku.Price;
