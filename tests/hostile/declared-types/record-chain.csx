// expect: refused MP1002 inside itself
record Link(string Sku, Link? Next);
Link? chain = null;
for (var i = 0; i < 1_000_000; i++) chain = new Link(Sku.Sku, chain);
Log(chain!.GetHashCode().ToString());
