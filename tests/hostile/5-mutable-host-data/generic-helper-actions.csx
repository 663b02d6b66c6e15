// expect: failed InvalidCastException
T As<T>(object o) => (T)o;
SetPrice(Sku.Price, "probe");
As<List<RuleAction>>(Actions).Clear();
