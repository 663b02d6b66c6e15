// expect: stopped KiB of stack
Func<int, IEnumerable<int>> next = null!;
IEnumerable<int> Down(int n) { foreach (var x in next(n + 1)) yield return x; yield return n; }
next = n => Down(n);
Log(Down(0).Any().ToString());
