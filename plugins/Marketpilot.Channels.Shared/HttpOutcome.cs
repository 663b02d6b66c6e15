namespace Marketpilot.Channels.Shared;

/// <summary>What <see cref="HttpDelivery.SendAsync"/> ended with: the last reply, or why there was none.</summary>
/// <param name="Reply">The last reply; <see langword="null"/> when no attempt got one.</param>
/// <param name="Failure">Why there was no reply (timeouts, no connection); secrets masked.</param>
/// <param name="Attempts">How many requests were sent.</param>
/// <param name="Unconfirmed">
/// The last request may have reached the server and been acted on, with no answer saying so (it timed out, the connection
/// broke after sending, the answer was unclear).
/// </param>
internal sealed record HttpOutcome(HttpReply? Reply, string? Failure, int Attempts, bool Unconfirmed = false);
