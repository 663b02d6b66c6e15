// expect: refused MP1002 may not hold 'object'
object nested = 1;
for (var i = 0; i < 1_000_000; i++) nested = (nested, i);
Log(nested.ToString() ?? "");
