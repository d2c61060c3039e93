using Microsoft.Extensions.DependencyInjection;
using OrderActors.Runtime;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

/// <summary>
/// A poll that read a tick and fell behind while the tick was delivered (and the clock moved on) must not deliver it
/// again. The table below hands the reminder service a stale read on demand: what a poll held while it ran late.
/// </summary>
public sealed class ReminderStaleReadTests
{
    [Fact]
    public async Task StaleReadOfADeliveredTick_AfterTheClockJumpedMinutes_IsNotDeliveredAgain()
    {
        var probe = new TestProbe();
        StaleReadingTable? table = null;
        await using var cluster = await RuntimeTestCluster.StartAsync(
            "memory",
            probe,
            o => o.ReminderPollInterval = TimeSpan.FromDays(1),
            s => s.AddSingleton<IReminderTable>(sp => table = new StaleReadingTable(sp.GetRequiredService<IStorageProvider>())));
        var start = cluster.Time.GetUtcNow();
        await cluster.GetGrain<IAlarmGrain>("a1").SchedulePeriodicAsync("sla", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        // The next read also returns the tick just delivered, with its old ETag, as a poll that read it before the
        // delivery and then ran late would; ten minutes on, the silo's clock says that delivery is long past.
        table!.ReplayLastDueRead();
        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(1, table.ReplayedEntries);
        Assert.Equal([start.AddMinutes(10), start.AddMinutes(20)], probe.Ticks.Select(t => t.DueAt));
    }

    private sealed class StaleReadingTable(IReminderTable inner) : IReminderTable
    {
        private IReadOnlyList<ReminderEntry> _lastDue = [];
        private bool _replay;

        public int ReplayedEntries { get; private set; }

        public void ReplayLastDueRead() => _replay = true;

        public async Task<IReadOnlyList<ReminderEntry>> GetDueRemindersAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken)
        {
            var due = await inner.GetDueRemindersAsync(dueBy, maxCount, cancellationToken);
            if (_replay)
            {
                _replay = false;
                ReplayedEntries = _lastDue.Count;
                return [.. _lastDue, .. due];
            }

            if (due.Count > 0)
            {
                _lastDue = due;
            }

            return due;
        }

        public Task<string> UpsertReminderAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken) =>
            inner.UpsertReminderAsync(grainId, name, dueAt, period, cancellationToken);

        public Task<bool> RemoveReminderAsync(GrainId grainId, string name, string? eTag, CancellationToken cancellationToken) =>
            inner.RemoveReminderAsync(grainId, name, eTag, cancellationToken);

        public Task<string?> AdvanceReminderAsync(GrainId grainId, string name, string eTag, DateTimeOffset nextDueAt, CancellationToken cancellationToken) =>
            inner.AdvanceReminderAsync(grainId, name, eTag, nextDueAt, cancellationToken);

        public Task<ReminderEntry?> GetReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken) =>
            inner.GetReminderAsync(grainId, name, cancellationToken);

        public Task<IReadOnlyList<ReminderEntry>> GetGrainRemindersAsync(GrainId grainId, CancellationToken cancellationToken) =>
            inner.GetGrainRemindersAsync(grainId, cancellationToken);

        public Task<long> CountDueRemindersAsync(DateTimeOffset dueBy, CancellationToken cancellationToken) =>
            inner.CountDueRemindersAsync(dueBy, cancellationToken);
    }
}
