using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Sync;

/// <summary>Validates <see cref="SyncOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class SyncOptionsValidator : IValidateOptions<SyncOptions>;
