using OrderActors.Runtime;

namespace OrderActors.Tests.Storage;

public abstract partial class StorageConformanceTests
{
    private static readonly GrainId OrderA = new("order", "tb-100");
    private static readonly GrainId OrderB = new("order", "tb-200");

    [Fact]
    public async Task UpsertReminderAsync_SeveralReminders_GetDueReturnsThoseDueEarliestFirst()
    {
        await Storage.UpsertReminderAsync(OrderA, "payment-hold", T0.AddMinutes(30), null, CancellationToken.None);
        await Storage.UpsertReminderAsync(OrderB, "payment-hold", T0.AddMinutes(10), null, CancellationToken.None);
        await Storage.UpsertReminderAsync(OrderA, "sla", T0.AddHours(2), TimeSpan.FromHours(1), CancellationToken.None);

        var due = await Storage.GetDueRemindersAsync(T0.AddMinutes(30), 10, CancellationToken.None);
        var firstOnly = await Storage.GetDueRemindersAsync(T0.AddHours(5), 1, CancellationToken.None);
        var count = await Storage.CountDueRemindersAsync(T0.AddMinutes(30), CancellationToken.None);
        var ofA = await Storage.GetGrainRemindersAsync(OrderA, CancellationToken.None);

        Assert.Equal([(OrderB, "payment-hold"), (OrderA, "payment-hold")], due.Select(r => (r.GrainId, r.Name)));
        Assert.Equal(T0.AddMinutes(10), due[0].DueAt);
        Assert.Null(due[0].Period);
        Assert.Equal(OrderB, Assert.Single(firstOnly).GrainId);
        Assert.Equal(2, count);
        Assert.Equal(["payment-hold", "sla"], ofA.Select(r => r.Name));
        Assert.Equal(TimeSpan.FromHours(1), ofA[1].Period);
    }

    [Fact]
    public async Task UpsertReminderAsync_Again_ReplacesDueTimeAndETag()
    {
        var first = await Storage.UpsertReminderAsync(OrderA, "sla", T0.AddHours(1), null, CancellationToken.None);

        var second = await Storage.UpsertReminderAsync(OrderA, "sla", T0.AddHours(3), TimeSpan.FromMinutes(5), CancellationToken.None);
        var stored = await Storage.GetReminderAsync(OrderA, "sla", CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.NotNull(stored);
        Assert.Equal(second, stored.ETag);
        Assert.Equal(T0.AddHours(3), stored.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(5), stored.Period);
        Assert.Single(await Storage.GetGrainRemindersAsync(OrderA, CancellationToken.None));
    }

    [Fact]
    public async Task RemoveReminderAsync_WithStaleETag_KeepsReminderAndWithCurrentETagRemovesIt()
    {
        var old = await Storage.UpsertReminderAsync(OrderA, "hold", T0, null, CancellationToken.None);
        var current = await Storage.UpsertReminderAsync(OrderA, "hold", T0.AddMinutes(1), null, CancellationToken.None);

        var staleRemoved = await Storage.RemoveReminderAsync(OrderA, "hold", old, CancellationToken.None);
        var stillThere = await Storage.GetReminderAsync(OrderA, "hold", CancellationToken.None);
        var removed = await Storage.RemoveReminderAsync(OrderA, "hold", current, CancellationToken.None);
        var removedAgain = await Storage.RemoveReminderAsync(OrderA, "hold", null, CancellationToken.None);

        Assert.False(staleRemoved);
        Assert.Equal(current, stillThere?.ETag);
        Assert.True(removed);
        Assert.False(removedAgain);
        Assert.Null(await Storage.GetReminderAsync(OrderA, "hold", CancellationToken.None));
    }

    [Fact]
    public async Task RemoveReminderAsync_WithoutETag_RemovesWhateverIsThere()
    {
        await Storage.UpsertReminderAsync(OrderB, "sla", T0, null, CancellationToken.None);

        var removed = await Storage.RemoveReminderAsync(OrderB, "sla", null, CancellationToken.None);

        Assert.True(removed);
        Assert.Equal(0, await Storage.CountDueRemindersAsync(T0.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task AdvanceReminderAsync_CurrentETag_MovesDueTimeAndStaleETagChangesNothing()
    {
        var eTag = await Storage.UpsertReminderAsync(OrderA, "sla", T0, TimeSpan.FromHours(1), CancellationToken.None);

        var advanced = await Storage.AdvanceReminderAsync(OrderA, "sla", eTag, T0.AddHours(1), CancellationToken.None);
        var stale = await Storage.AdvanceReminderAsync(OrderA, "sla", eTag, T0.AddHours(9), CancellationToken.None);
        var missing = await Storage.AdvanceReminderAsync(OrderB, "none", eTag, T0.AddHours(9), CancellationToken.None);
        var stored = await Storage.GetReminderAsync(OrderA, "sla", CancellationToken.None);

        Assert.NotNull(advanced);
        Assert.NotEqual(eTag, advanced);
        Assert.Null(stale);
        Assert.Null(missing);
        Assert.Equal(advanced, stored?.ETag);
        Assert.Equal(T0.AddHours(1), stored?.DueAt);
        Assert.Equal(TimeSpan.FromHours(1), stored?.Period);
        Assert.Equal(0, await Storage.CountDueRemindersAsync(T0.AddMinutes(59), CancellationToken.None));
    }
}
