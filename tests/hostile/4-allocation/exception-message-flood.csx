// expect: stopped characters of messages and reasons
// A failure's message goes to the host like a logged one: half a million characters in one exception.
var text = "0123456789abcdef";
for (var i = 0; i < 15; i++) text += text;
throw new InvalidOperationException(text);
