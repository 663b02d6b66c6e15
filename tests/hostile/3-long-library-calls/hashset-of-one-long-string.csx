// expect: stopped steps
var big = "0123456789abcdef";
for (var i = 0; i < 16; i++) big += big;
Log(new HashSet<string>(Enumerable.Repeat(big, 300_000).ToArray()).Count.ToString());
