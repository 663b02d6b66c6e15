// expect: refused MP1002 'Seen' is a static table
static readonly List<string> Seen = new();
void Remember(List<string> skus, string sku) => skus.Add(sku);
Remember(Seen, Sku.Sku);
Log(string.Join(",", Seen));
