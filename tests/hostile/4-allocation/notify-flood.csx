// expect: stopped proposing more than 1000 actions
// Each notification goes out through the channels: 5,000 short ones stay far under the text allowance.
for (var i = 0; i < 5_000; i++) Notify("manager", "!");
