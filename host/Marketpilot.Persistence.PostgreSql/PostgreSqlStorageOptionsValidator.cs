using Microsoft.Extensions.Options;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>Checks <see cref="PostgreSqlStorageOptions"/> when the silo starts.</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlStorageOptionsValidator : IValidateOptions<PostgreSqlStorageOptions>;
