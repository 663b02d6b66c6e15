using Marketpilot.Persistence.Sqlite;
using Marketpilot.Grains.Storage;
using Marketpilot.Grains.Tests.Support;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Marketpilot.Grains.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "counter";
    private static readonly GrainId Grain = GrainId.Create("counter", "a/b");
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task WrittenStateReadsBackWithItsETag()
    {
        var written = new GrainState<Counter>(new Counter { Value = 7, Tags = ["x", "y"] });

        await _database.Storage().WriteStateAsync(StateName, Grain, written);
        var read = await ReadAsync(_database.Storage());

        Assert.Equal(7, read.State!.Value);
        Assert.Equal(["x", "y"], read.State!.Tags);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task AMissingRecordReadsAsNewStateWithoutETag()
    {
        var read = await ReadAsync(_database.Storage());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, read.State!.Value);
    }

    [Fact]
    public async Task EveryWriteAdvancesTheETag()
    {
        var storage = _database.Storage();
        var state = new GrainState<Counter>(new Counter { Value = 1 });

        await storage.WriteStateAsync(StateName, Grain, state);
        var first = state.ETag;
        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal("1", first);
        Assert.Equal("2", state.ETag);
    }

    [Fact]
    public async Task AWriteWithAStaleETagIsRefused()
    {
        var storage = _database.Storage();
        var winner = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync(StateName, Grain, winner);
        var loser = await ReadAsync(storage);
        await storage.WriteStateAsync(StateName, Grain, winner);

        loser.State!.Value = 99;
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, loser));

        Assert.Equal(1, (await ReadAsync(storage)).State!.Value);
        Assert.Equal(winner.ETag, refused.StoredEtag);
    }

    [Fact]
    public async Task AFirstWriteOverAnExistingRecordIsRefused()
    {
        var storage = _database.Storage();
        await storage.WriteStateAsync(StateName, Grain, new GrainState<Counter>(new Counter { Value = 1 }));

        var blind = new GrainState<Counter>(new Counter { Value = 2 });

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, blind));
    }

    [Fact]
    public async Task AClearWithAStaleETagIsRefused()
    {
        var storage = _database.Storage();
        var winner = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync(StateName, Grain, winner);
        var loser = await ReadAsync(storage);
        await storage.WriteStateAsync(StateName, Grain, winner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, Grain, loser));

        Assert.True((await ReadAsync(storage)).RecordExists);
    }

    [Fact]
    public async Task AClearedRecordReadsAsMissingAndCanBeWrittenAgain()
    {
        var storage = _database.Storage();
        var state = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync(StateName, Grain, state);

        await storage.ClearStateAsync(StateName, Grain, state);
        var afterClear = await ReadAsync(storage);
        state.State!.Value = 5;
        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.True(state.RecordExists);
        Assert.False(afterClear.RecordExists);
        Assert.Equal("2", afterClear.ETag);
        Assert.Equal(5, (await ReadAsync(storage)).State!.Value);
    }

    [Fact]
    public async Task StateSurvivesANewStorageInstanceOnTheSameFile()
    {
        await _database.Storage().WriteStateAsync(StateName, Grain, new GrainState<Counter>(new Counter { Value = 3 }));

        var read = await ReadAsync(_database.Storage());

        Assert.Equal(3, read.State!.Value);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task StatesAreKeyedByStateNameAndGrainId()
    {
        var storage = _database.Storage();
        await storage.WriteStateAsync(StateName, Grain, new GrainState<Counter>(new Counter { Value = 1 }));
        await storage.WriteStateAsync("other", Grain, new GrainState<Counter>(new Counter { Value = 2 }));
        await storage.WriteStateAsync(StateName, GrainId.Create("counter", "c"), new GrainState<Counter>(new Counter { Value = 3 }));

        var read = await ReadAsync(storage);

        Assert.Equal(1, read.State!.Value);
    }

    [Fact]
    public async Task TheDatabaseFileIsInWalMode()
    {
        await _database.Storage().WriteStateAsync(StateName, Grain, new GrainState<Counter>(new Counter()));

        using var connection = _database.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    [Fact]
    public async Task AStateIsStoredAsJsonTextThatSqlitesJsonFunctionsRead()
    {
        var written = new GrainState<Counter>(new Counter { Value = 3, Tags = ["Алматы", "東京"] });
        await _database.Storage().WriteStateAsync(StateName, Grain, written);
        written.State!.Value = 4;
        await _database.Storage().WriteStateAsync(StateName, Grain, written);

        using var connection = _database.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(payload), json_extract(payload, '$.value'), json_extract(payload, '$.tags[0]') FROM grain_state;";
        using var reader = command.ExecuteReader();

        Assert.True(reader.Read());
        Assert.Equal("text", reader.GetString(0));
        Assert.Equal(4, reader.GetInt64(1));
        Assert.Equal("Алматы", reader.GetString(2));
        Assert.Equal(["Алматы", "東京"], (await ReadAsync(_database.Storage())).State!.Tags);
    }

    [Fact]
    public async Task AFileWrittenWithTheOldWithoutRowidTableKeepsItsStatesInTheRowidTable()
    {
        using (var old = _database.OpenRaw())
        using (var create = old.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE grain_state (
                    state_name TEXT NOT NULL, grain_id TEXT NOT NULL, version INTEGER NOT NULL, payload TEXT NULL,
                    updated_at TEXT NOT NULL, PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;
                INSERT INTO grain_state VALUES ('counter', 'counter/a/b', 3, '{"value":5,"tags":["kept"]}', '2026-12-01T00:00:00Z');
                INSERT INTO grain_state VALUES ('counter', 'counter/gone', 2, NULL, '2026-12-01T00:00:00Z');
                """;
            create.ExecuteNonQuery();
        }

        var read = await ReadAsync(_database.Storage());
        read.State!.Value = 6;
        await _database.Storage().WriteStateAsync(StateName, Grain, read);

        using var connection = _database.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = 'grain_state'),
                   (SELECT group_concat(grain_id || ':' || version, ',') FROM grain_state);
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(0, reader.GetInt64(0));
        Assert.Equal("counter/a/b:4,counter/gone:2", reader.GetString(1));
        Assert.Equal(["kept"], read.State.Tags);
        Assert.Equal("4", read.ETag);
    }

    [Fact]
    public async Task ACrashDuringAnUncommittedWriteLosesNoCommittedState()
    {
        await _database.Storage().WriteStateAsync(StateName, Grain, new GrainState<Counter>(new Counter { Value = 1 }));

        string leftOnDisk;
        using (var connection = _database.OpenRaw())
        using (var transaction = connection.BeginTransaction())
        {
            WriteUncommittedVersion2(connection, transaction);
            leftOnDisk = _database.CopyAsLeftOnDisk();
        }
        var uncommittedBytesOnDisk = new FileInfo(leftOnDisk + "-wal").Length;

        var read = await ReadAsync(_database.Storage(leftOnDisk));

        Assert.True(uncommittedBytesOnDisk > 1_000_000, "the uncommitted transaction should have spilled into the WAL");
        Assert.Equal(1, read.State!.Value);
        Assert.Equal("1", read.ETag);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ListingPagesThroughTheLiveRecordsOfOneStateInGrainIdOrder()
    {
        var storage = _database.Storage();
        GrainId[] grains = [.. new[] { "c", "a", "d", "b" }.Select(key => GrainId.Create("counter", key))];
        foreach (var grain in grains)
        {
            await storage.WriteStateAsync(StateName, grain, new GrainState<Counter>(new Counter()));
        }

        await storage.WriteStateAsync("other", GrainId.Create("counter", "e"), new GrainState<Counter>(new Counter()));
        var cleared = new GrainState<Counter>(new Counter());
        await storage.WriteStateAsync(StateName, GrainId.Create("counter", "bb"), cleared);
        await storage.ClearStateAsync(StateName, GrainId.Create("counter", "bb"), cleared);

        var first = await storage.ListAsync(StateName, null, 3);
        var rest = await storage.ListAsync(StateName, first[^1], 3);

        Assert.Equal(["counter/a", "counter/b", "counter/c"], first.Select(g => g.ToString()));
        Assert.Equal(["counter/d"], rest.Select(g => g.ToString()));
    }

    private static async Task<GrainState<Counter>> ReadAsync(SqliteGrainStorage storage)
    {
        var state = new GrainState<Counter>();
        await storage.ReadStateAsync(StateName, Grain, state);
        return state;
    }

    private static void WriteUncommittedVersion2(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // A tiny page cache makes SQLite spill the open transaction's pages into the WAL file before any commit.
        command.CommandText = """
            PRAGMA cache_size = 2;
            UPDATE grain_state SET version = 2, payload = '{"value":2}' WHERE state_name = 'counter';
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
            INSERT INTO grain_state (state_name, grain_id, version, payload, updated_at)
            SELECT 'filler', 'f' || i, 1, hex(zeroblob(2000)), '' FROM n;
            """;
        command.ExecuteNonQuery();
    }
}
