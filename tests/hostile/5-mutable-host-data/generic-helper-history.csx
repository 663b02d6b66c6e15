// expect: failed InvalidCastException
T As<T>(object o) => (T)o;
var history = As<List<DailyMetrics>>(History);
history.Clear();
history.Add(new DailyMetrics(DateOnly.FromDateTime(Now.UtcDateTime), 0, 0, 0, 999, 999));
