using System.Security.Cryptography;
using System.Text;

namespace Marketpilot.Host.Feeds;

/// <summary>Checks a feed request's token against the shop's <c>Credentials:FeedToken</c> without leaking it through timing.</summary>
internal static class FeedToken
{
    public const string CredentialKey = "FeedToken";

    /// <summary>Whether <paramref name="presented"/> is <paramref name="expected"/>; hashing first makes the comparison independent of length too.</summary>
    public static bool Matches(string? presented, string? expected) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
