using Marketpilot.Persistence.Sqlite;
using Marketpilot.Actions;
using Marketpilot.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Grains.Tests.Support;

internal sealed class TempDatabase : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "marketpilot-tests", Guid.NewGuid().ToString("N"));

    public TempDatabase()
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "marketpilot.db");
    }

    public string Path { get; }

    public SqliteGrainStorage Storage(string? path = null) =>
        new("Default", new SqliteStorageOptions { DatabasePath = path ?? Path }, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);

    public SqliteActionLog ActionLog() => new(new SqliteStorageOptions { DatabasePath = Path });

    public SqliteConnection OpenRaw(string? path = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path ?? Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Copies the database and its WAL as they are on disk right now: what a process killed at this moment leaves behind.</summary>
    public string CopyAsLeftOnDisk()
    {
        var copy = System.IO.Path.Combine(_folder, "crashed", "marketpilot.db");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
        File.Copy(Path, copy);
        if (File.Exists(Path + "-wal"))
        {
            File.Copy(Path + "-wal", copy + "-wal");
        }

        return copy;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
