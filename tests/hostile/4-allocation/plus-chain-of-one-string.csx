// expect: stopped allocating
var big = "0123456789abcdef";
for (var i = 0; i < 16; i++) big += big;
var s = big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big + big;
Log(s.Length.ToString());
