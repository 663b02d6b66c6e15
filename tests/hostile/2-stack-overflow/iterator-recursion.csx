// expect: stopped KiB of stack
IEnumerable<int> Down(int n) { foreach (var x in Down(n + 1)) yield return x; yield return n; }
Log(Down(0).Count().ToString());
