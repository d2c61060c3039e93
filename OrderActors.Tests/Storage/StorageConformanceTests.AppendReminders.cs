using OrderActors.Runtime;
using OrderActors.Runtime.Reminders;

namespace OrderActors.Tests.Storage;

/// <summary>Reminder changes that travel inside an append commit with its events, or not at all.</summary>
public abstract partial class StorageConformanceTests
{
    private static readonly GrainId Placed = new("order", "tb-rem-1");

    [Fact]
    public async Task AppendAsync_WithReminderSets_StoresEventsAndRemindersTogether()
    {
        var request = Append(Placed, 0, Event("Placed", 1)) with
        {
            Reminders = [ReminderChange.Set("payment-hold", T0.AddMinutes(30)), ReminderChange.Set("sla", T0.AddHours(2), TimeSpan.FromHours(1))],
        };

        var result = await Storage.AppendAsync(request, CancellationToken.None);
        var reminders = await Storage.GetGrainRemindersAsync(Placed, CancellationToken.None);

        Assert.Equal(1, result.Version);
        Assert.Equal(1, (await Storage.LoadAsync(Placed, CancellationToken.None)).Version);
        Assert.Equal(["payment-hold", "sla"], reminders.Select(r => r.Name));
        Assert.Equal((T0.AddMinutes(30), (TimeSpan?)null), (reminders[0].DueAt, reminders[0].Period));
        Assert.Equal((T0.AddHours(2), (TimeSpan?)TimeSpan.FromHours(1)), (reminders[1].DueAt, reminders[1].Period));
        Assert.NotEqual(reminders[0].ETag, reminders[1].ETag);
        Assert.Equal(1, await Storage.CountDueRemindersAsync(T0.AddMinutes(30), CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_WithReminderRemovalAndMove_RemovesOneAndMovesTheOtherWithANewETag()
    {
        await Storage.AppendAsync(
            Append(Placed, 0, Event("Placed", 1)) with { Reminders = [ReminderChange.Set("payment-hold", T0.AddMinutes(30)), ReminderChange.Set("sla", T0.AddHours(1))] },
            CancellationToken.None);
        var slaBefore = await Storage.GetReminderAsync(Placed, "sla", CancellationToken.None);

        await Storage.AppendAsync(
            Append(Placed, 1, Event("Paid", 2)) with { Reminders = [ReminderChange.Remove("payment-hold"), ReminderChange.Set("sla", T0.AddHours(3))] },
            CancellationToken.None);
        var slaAfter = await Storage.GetReminderAsync(Placed, "sla", CancellationToken.None);

        Assert.Null(await Storage.GetReminderAsync(Placed, "payment-hold", CancellationToken.None));
        Assert.NotNull(slaAfter);
        Assert.Equal(T0.AddHours(3), slaAfter.DueAt);
        Assert.NotEqual(slaBefore!.ETag, slaAfter.ETag);
        Assert.Equal(2, (await Storage.LoadAsync(Placed, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task AppendAsync_ReminderSetByAnAppend_IsRemovedByItsETagAsADeliveredTickRemovesIt()
    {
        await Storage.AppendAsync(Append(Placed, 0, Event("Placed", 1)) with { Reminders = [ReminderChange.Set("payment-hold", T0)] }, CancellationToken.None);
        var due = Assert.Single(await Storage.GetDueRemindersAsync(T0, 10, CancellationToken.None));

        var removed = await Storage.RemoveReminderAsync(Placed, "payment-hold", due.ETag, CancellationToken.None);

        Assert.True(removed);
        Assert.Empty(await Storage.GetGrainRemindersAsync(Placed, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_StaleVersionWithReminderChanges_WritesNeitherEventsNorReminders()
    {
        await Storage.AppendAsync(Append(Placed, 0, Event("Placed", 1)), CancellationToken.None);
        var hold = await Storage.UpsertReminderAsync(Placed, "payment-hold", T0.AddMinutes(30), null, CancellationToken.None);
        var stale = Append(Placed, 0, Event("Paid", 2)) with { Reminders = [ReminderChange.Remove("payment-hold"), ReminderChange.Set("sla", T0.AddHours(1))] };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.AppendAsync(stale, CancellationToken.None));

        Assert.Equal(["Placed"], (await Storage.LoadAsync(Placed, CancellationToken.None)).Events.Select(e => e.EventType));
        var reminders = await Storage.GetGrainRemindersAsync(Placed, CancellationToken.None);
        Assert.Equal(("payment-hold", hold), (Assert.Single(reminders).Name, reminders[0].ETag));
    }

    [Fact]
    public async Task AppendAsync_ManyGrainsWithRemindersAndOneStaleInOneBatch_OnlyTheStaleOnesRemindersAreMissing()
    {
        var stale = new GrainId("order", "rem-stale");
        await Storage.AppendAsync(Append(stale, 0, Event("Placed", 1)), CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var grain = i == 25 ? stale : new GrainId("order", $"rem-{i}");
            var request = Append(grain, 0, Event("Placed", i)) with { Reminders = [ReminderChange.Set("payment-hold", T0.AddMinutes(i))] };
            try
            {
                await Storage.AppendAsync(request, CancellationToken.None);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(49, outcomes.Count(ok => ok));
        Assert.False(outcomes[25]);
        Assert.Empty(await Storage.GetGrainRemindersAsync(stale, CancellationToken.None));
        Assert.Equal(49, await Storage.CountDueRemindersAsync(T0.AddHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_ReminderChangesOnlyNoEvents_AreCheckedAgainstTheExpectedVersion()
    {
        await Storage.AppendAsync(Append(Placed, 0, Event("Placed", 1)), CancellationToken.None);

        await Storage.AppendAsync(Append(Placed, 1) with { Reminders = [ReminderChange.Set("tags", T0.AddDays(1))] }, CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.AppendAsync(Append(Placed, 0) with { Reminders = [ReminderChange.Remove("tags")] }, CancellationToken.None));

        Assert.Equal(T0.AddDays(1), (await Storage.GetReminderAsync(Placed, "tags", CancellationToken.None))?.DueAt);
        Assert.Equal(1, (await Storage.LoadAsync(Placed, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task AppendAsync_ReminderChangesWithGroupCommitOff_CommitWithTheEventsOrNotAtAll()
    {
        var baseline = await OpenAsync(o => o.GroupCommit = false);

        await baseline.AppendAsync(
            Append(Placed, 0, Event("Placed", 1)) with { Reminders = [ReminderChange.Set("payment-hold", T0.AddMinutes(30)), ReminderChange.Set("sla", T0.AddHours(1))] },
            CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() => baseline.AppendAsync(
            Append(Placed, 0, Event("Paid", 2)) with { Reminders = [ReminderChange.Remove("payment-hold")] }, CancellationToken.None));
        await baseline.AppendAsync(
            Append(Placed, 1, Event("Paid", 2)) with { Reminders = [ReminderChange.Remove("payment-hold"), ReminderChange.Remove("sla")] },
            CancellationToken.None);

        Assert.Empty(await baseline.GetGrainRemindersAsync(Placed, CancellationToken.None));
        Assert.Equal(2, (await baseline.LoadAsync(Placed, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task AppendAsync_TwoChangesToOneReminder_IsRejectedBeforeWriting()
    {
        var request = Append(Placed, 0, Event("Placed", 1)) with { Reminders = [ReminderChange.Set("sla", T0), ReminderChange.Remove("sla")] };

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(request, CancellationToken.None));

        Assert.Equal(0, (await Storage.LoadAsync(Placed, CancellationToken.None)).Version);
    }
}
