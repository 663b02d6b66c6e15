using Microsoft.Extensions.Options;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>Checks <see cref="PostgreSqlClusterOptions"/> before the silo is built.</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlClusterOptionsValidator : IValidateOptions<PostgreSqlClusterOptions>;
