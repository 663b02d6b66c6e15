namespace Marketpilot.Host.Hosting;

/// <summary>What <see cref="ApiKeyGate.Check"/> found for a presented key.</summary>
/// <param name="Grant">The key's grant; <see langword="null"/> when the key is missing, wrong or not checked.</param>
/// <param name="RetryAfter">
/// When the client's address presented too many wrong keys: how long until it may try again (the key was not checked).
/// </param>
public readonly record struct ApiKeyCheck(ApiKeyGrant? Grant, TimeSpan? RetryAfter)
{
    /// <summary><see cref="RetryAfter"/> in whole seconds, rounded up, as the <c>Retry-After</c> header says it.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter?.TotalSeconds ?? 0);
}
