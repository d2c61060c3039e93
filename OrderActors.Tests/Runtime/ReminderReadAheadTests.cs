using OrderActors.Runtime;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

/// <summary>
/// The poll reads reminders due within <see cref="RuntimeOptions.ReminderLookahead"/> and delivers each at its due time
/// (not at the first poll after it); a tick read ahead whose reminder is removed or registered again is dropped.
/// These run the real poll loop on a manual clock: polls every second, reading two seconds ahead.
/// </summary>
public sealed class ReminderReadAheadTests
{
    private static readonly GrainId AlarmId = new("alarm", "ra1");
    private readonly TestProbe _probe = new();

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Reminder_ReadAheadByAPoll_IsDeliveredAtItsDueTimeNotAtTheNextPoll(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var due = cluster.Time.GetUtcNow().AddMilliseconds(1500);
        await cluster.GetGrain<IAlarmGrain>("ra1").ScheduleOnceAsync("hold", due);

        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.ReadAhead == 1, "the poll at 1 s reads the tick due at 1.5 s ahead");
        var ticksBeforeDue = _probe.Ticks.Count;
        cluster.Time.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.WaitUntilAsync(() => !_probe.Ticks.IsEmpty, "the tick is delivered at its due time");

        Assert.Equal(0, ticksBeforeDue);
        Assert.Equal(new ReminderTick(AlarmId, "hold", due, due), Assert.Single(_probe.Ticks));
        await Eventually.WaitUntilAsync(async () => await cluster.Storage.GetReminderAsync(AlarmId, "hold", CancellationToken.None) is null, "the one-shot reminder is removed");
    }

    [Fact]
    public async Task Reminder_ReadAheadThenUnregistered_IsNotDelivered()
    {
        await using var cluster = await StartAsync("memory");
        var alarm = cluster.GetGrain<IAlarmGrain>("ra1");
        await alarm.ScheduleOnceAsync("hold", cluster.Time.GetUtcNow().AddMilliseconds(1500));
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.ReadAhead == 1, "the tick is read ahead");

        await alarm.CancelAsync("hold");
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.DroppedReadAhead == 1, "the tick read ahead is dropped at its due time");
        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(1));

        Assert.Empty(_probe.Ticks);
        Assert.Null(await cluster.Storage.GetReminderAsync(AlarmId, "hold", CancellationToken.None));
    }

    [Fact]
    public async Task Reminder_ReadAheadThenMovedLater_IsDeliveredOnceAtTheNewTime()
    {
        await using var cluster = await StartAsync("memory");
        var alarm = cluster.GetGrain<IAlarmGrain>("ra1");
        var start = cluster.Time.GetUtcNow();
        await alarm.ScheduleOnceAsync("hold", start.AddMilliseconds(1500));
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.ReadAhead == 1, "the tick is read ahead");

        await alarm.ScheduleOnceAsync("hold", start.AddSeconds(10));
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.DroppedReadAhead == 1, "the old tick is dropped");
        var ticksAtTheOldTime = _probe.Ticks.Count;
        await cluster.AdvanceTimeAsync(TimeSpan.FromSeconds(8));

        Assert.Equal(0, ticksAtTheOldTime);
        Assert.Equal(start.AddSeconds(10), Assert.Single(_probe.Ticks).DueAt);
    }

    private static Task WaitForStatisticAsync(TestCluster cluster, Func<OrderActors.Runtime.Reminders.ReminderLagStatistics, bool> condition, string description) =>
        Eventually.WaitUntilAsync(async () => condition((await cluster.GetStatisticsAsync()).Reminders), description);

    private Task<TestCluster> StartAsync(string provider) =>
        RuntimeTestCluster.StartAsync(provider, _probe, o =>
        {
            o.ReminderPollInterval = TimeSpan.FromSeconds(1);
            o.ReminderLookahead = TimeSpan.FromSeconds(2);
        });
}
