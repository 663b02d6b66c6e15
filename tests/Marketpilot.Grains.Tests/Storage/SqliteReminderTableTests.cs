using Marketpilot.Grains.Tests.Support;
using Marketpilot.Persistence.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Marketpilot.Grains.Tests.Storage;

/// <summary>The embedded reminder table against a real SQLite file, as Orleans' reminder service uses it.</summary>
public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task AnUpsertedReminderIsReadBackAndEachUpsertRaisesItsETag()
    {
        var table = Table();
        var grain = GrainIdOf("a");

        var first = await table.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(1)));
        var second = await table.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(5)));
        var row = await table.ReadRow(grain, "tick");

        Assert.NotEqual(first, second);
        Assert.NotNull(row);
        Assert.Equal((grain, "tick", TimeSpan.FromMinutes(5), second), (row.GrainId, row.ReminderName, row.Period, row.ETag));
        Assert.Equal(Start, row.StartAt);
        Assert.Null(await table.ReadRow(grain, "other"));
    }

    [Fact]
    public async Task ARemovalWithAStaleETagRemovesNothing()
    {
        var table = Table();
        var grain = GrainIdOf("b");
        var stale = await table.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(1)));
        var current = await table.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(1)));

        var withStale = await table.RemoveRow(grain, "tick", stale!);
        var withCurrent = await table.RemoveRow(grain, "tick", current!);

        Assert.Equal((false, true), (withStale, withCurrent));
        Assert.Empty((await table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task ARangeOfTheHashRingFindsItsGrainsAndAWrappingRangeFindsTheOthers()
    {
        var table = Table();
        var grains = Enumerable.Range(0, 40).Select(i => GrainIdOf($"g{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(1)));
        }

        var (begin, end) = (uint.MaxValue / 4, uint.MaxValue / 2);
        var inside = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).ToHashSet();
        var wrapping = (await table.ReadRows(end, begin)).Reminders.Select(r => r.GrainId).ToHashSet();

        Assert.Equal(grains.Where(g => g.GetUniformHashCode() > begin && g.GetUniformHashCode() <= end).ToHashSet(), inside);
        Assert.Equal(grains.Where(g => !inside.Contains(g)).ToHashSet(), wrapping);
    }

    [Fact]
    public async Task AnotherServiceSeesNoneOfTheRowsAndClearingOneServiceKeepsTheOthers()
    {
        var ours = Table("service-a");
        var theirs = Table("service-b");
        var grain = GrainIdOf("c");
        await ours.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(1)));

        var seenByTheirs = (await theirs.ReadRows(grain)).Reminders.Count;
        await theirs.TestOnlyClearTable();

        Assert.Equal(0, seenByTheirs);
        Assert.Single((await ours.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task RowsSurviveANewTableOnTheSameFile()
    {
        var grain = GrainIdOf("d");
        await Table().UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(1)));

        var reopened = Table();
        await reopened.StartAsync();

        Assert.Single((await reopened.ReadRows(0, 0)).Reminders, r => r.GrainId == grain);
    }

    [Fact]
    public async Task AnUnreadableRowIsReportedWithItsGrainAndFile()
    {
        var table = Table();
        await table.StartAsync();
        using (var raw = _database.OpenRaw())
        using (var insert = raw.CreateCommand())
        {
            insert.CommandText = "INSERT INTO reminders VALUES ('marketpilot', 'no-grain-type-here', 'tick', 0, 600000000, 7, 1);";
            insert.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => table.ReadRows(0, 0));

        Assert.Contains("'no-grain-type-here'", error.Message, StringComparison.Ordinal);
        Assert.Contains(_database.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReminderWithoutANameIsRefusedBeforeTheFileIsTouched()
    {
        var table = Table();

        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertRow(new ReminderEntry { GrainId = GrainIdOf("e"), ReminderName = "", StartAt = Start, Period = TimeSpan.FromMinutes(1) }));

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task ACancelledUpsertWritesNothing()
    {
        var table = Table();
        await table.StartAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => table.UpsertRow(Entry(GrainIdOf("f"), "tick", TimeSpan.FromMinutes(1)), new CancellationToken(canceled: true)));

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
    }

    public void Dispose() => _database.Dispose();

    private static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private SqliteReminderTable Table(string serviceId = "marketpilot") =>
        new(SqliteDatabase.For(new SqliteStorageOptions { DatabasePath = _database.Path }), Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "test" }));

    private static GrainId GrainIdOf(string key) => GrainId.Create("ruleschedule", key);

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = Start, Period = period };
}
