namespace Marketpilot.Emulators.Sms;

/// <summary>An SMS the emulated gateway accepted.</summary>
/// <param name="Id">The id it answered with (<c>SM…</c>).</param>
/// <param name="Route">Which API shape took it: <see cref="SmsGatewayEmulator.TwilioMessagesPath"/> or <see cref="SmsGatewayEmulator.JsonMessagesPath"/>.</param>
/// <param name="To">The recipient's number.</param>
/// <param name="From">The sender.</param>
/// <param name="Text">The text.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header, if one was sent.</param>
public sealed record SmsGatewayMessage(string Id, string Route, string To, string From, string Text, string? IdempotencyKey);
