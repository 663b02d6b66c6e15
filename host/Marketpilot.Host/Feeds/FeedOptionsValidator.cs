using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Feeds;

/// <summary>Validates <see cref="FeedOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class FeedOptionsValidator : IValidateOptions<FeedOptions>;
