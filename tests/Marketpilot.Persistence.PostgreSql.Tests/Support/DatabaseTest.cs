namespace Marketpilot.Persistence.PostgreSql.Tests.Support;

/// <summary>A test class whose every test gets a fresh database (<see cref="TestDatabase"/>), or is skipped without a server.</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>The test's database; reading it skips the test when no server is configured.</summary>
    protected TestDatabase Database
    {
        get
        {
            TestDatabase.Server();
            return _database!;
        }
    }

    public async Task InitializeAsync()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.Variable)))
        {
            _database = await TestDatabase.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
