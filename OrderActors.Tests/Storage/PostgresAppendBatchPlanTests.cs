using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Postgres;

namespace OrderActors.Tests.Storage;

/// <summary>How a group commit becomes PostgreSQL statements: what each grain sees must be the queue's order.</summary>
public sealed class PostgresAppendBatchPlanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private static AppendWrite Append(string key, long expected) =>
        new(new AppendRequest(new GrainId("sku", key), expected, [new EventRecord("E", "{}", "user:test", T0)]), CancellationToken.None);

    [Fact]
    public void Plan_RunOfAppends_PutsAGrainsKthAppendInRoundK()
    {
        var (a1, b1, a2, c1, a3, b2) = (Append("a", 0), Append("b", 0), Append("a", 1), Append("c", 0), Append("a", 2), Append("b", 1));

        var steps = PostgresAppendBatch.Plan([a1, b1, a2, c1, a3, b2]);

        Assert.Equal(3, steps.Count);
        Assert.Equal<WriteOperation>([a1, b1, c1], steps[0]);
        Assert.Equal<WriteOperation>([a2, b2], steps[1]);
        Assert.Equal<WriteOperation>([a3], steps[2]);
    }

    [Fact]
    public void Plan_OtherWriteBetweenAppends_StaysBetweenThemAndSplitsTheRun()
    {
        var (a1, b1, a2) = (Append("a", 0), Append("b", 0), Append("a", 1));
        var reminder = new ReminderUpsertWrite(new GrainId("sku", "a"), "expiry", T0, null, "etag", CancellationToken.None);

        var steps = PostgresAppendBatch.Plan([a1, reminder, b1, a2]);

        Assert.Equal(3, steps.Count);
        Assert.Equal<WriteOperation>([a1], steps[0]);
        Assert.Equal<WriteOperation>([reminder], steps[1]);
        Assert.Equal<WriteOperation>([b1, a2], steps[2]);
    }
}
