// expect: refused MP1001 its cost grows with both spans at once
var hay = Sku.Sku.AsSpan();
Log(hay.IndexOf("needle".AsSpan()).ToString());
