using Microsoft.Extensions.Options;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>Checks <see cref="SqliteStorageOptions"/> when the silo starts.</summary>
[OptionsValidator]
internal sealed partial class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>;
