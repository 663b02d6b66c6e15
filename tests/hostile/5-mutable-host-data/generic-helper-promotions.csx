// expect: failed NotSupportedException
T As<T>(object o) => (T)o;
var promotions = As<IList<string>>(Sku.Promotions);
promotions.Add("hijacked");
