// expect: stopped stopped after logging more than 1000 messages
for (var i = 0; i < 100_000; i++) Log("flood");
