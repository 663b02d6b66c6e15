// expect: refused MP1002 as a delegate is not available to rules
var big = "0123456789abcdef";
for (var i = 0; i < 16; i++) big += big;
Log(Enumerable.Repeat(big, 5_000).Select(string.Concat<char>).ToList().Count.ToString());
