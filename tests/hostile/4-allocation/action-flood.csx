// expect: stopped proposing more than 1000 actions
// Reasons left out hand the host no text, yet each action is guarded, recorded and may be sent: 100,000 from one SKU.
for (var i = 0; i < 100_000; i++) SetPrice(100 + i % 7);
