// expect: stopped KiB of stack
IEnumerable<int> Down(int n) { foreach (var x in Down(n + 1).Where(v => v >= 0)) yield return x; yield return n; }
Log(Down(0).First().ToString());
