// expect: stopped steps
var hay = "a";
for (var i = 0; i < 20; i++) hay += hay;
var half = hay.Substring(0, 200_000);
Log(hay.Contains(half + "b" + half).ToString());
