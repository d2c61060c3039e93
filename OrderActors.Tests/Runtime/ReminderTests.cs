using OrderActors.Runtime;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class ReminderTests
{
    private static readonly GrainId AlarmId = new("alarm", "a1");
    private readonly TestProbe _probe = new();

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task OneShotReminder_FiresAtDueTimeAndNotBefore(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var start = cluster.Time.GetUtcNow();
        await cluster.GetGrain<IAlarmGrain>("a1").ScheduleOnceAsync("hold", start.AddMinutes(30));

        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        var ticksBeforeDue = _probe.Ticks.Count;
        await cluster.AdvanceTimeAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(0, ticksBeforeDue);
        var tick = Assert.Single(_probe.Ticks);
        Assert.Equal(new ReminderTick(AlarmId, "hold", start.AddMinutes(30), start.AddMinutes(30)), tick);
        Assert.Null(await cluster.Storage.GetReminderAsync(AlarmId, "hold", CancellationToken.None));
    }

    [Fact]
    public async Task OneShotReminder_AfterDelivery_DoesNotFireAgain()
    {
        await using var cluster = await StartAsync("memory");
        await cluster.GetGrain<IAlarmGrain>("a1").ScheduleOnceAsync("hold", cluster.Time.GetUtcNow().AddMinutes(1));

        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        await cluster.AdvanceTimeAsync(TimeSpan.FromHours(2));

        Assert.Single(_probe.Ticks);
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task PeriodicReminder_FiresEveryPeriod(string provider)
    {
        await using var cluster = await StartAsync(provider);
        await cluster.GetGrain<IAlarmGrain>("a1").SchedulePeriodicAsync("sla", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

        for (var i = 0; i < 3; i++)
        {
            await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(10));
        }

        var start = cluster.Time.GetUtcNow().AddMinutes(-30);
        Assert.Equal([start.AddMinutes(10), start.AddMinutes(20), start.AddMinutes(30)], _probe.Ticks.Select(t => t.DueAt));
        Assert.Equal(start.AddMinutes(40), (await cluster.Storage.GetReminderAsync(AlarmId, "sla", CancellationToken.None))!.DueAt);
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Reminder_RegisteredBeforeRestart_StillFiresAfterRestart(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var due = cluster.Time.GetUtcNow().AddMinutes(30);
        await cluster.GetGrain<IAlarmGrain>("a1").ScheduleOnceAsync("hold", due);

        await cluster.RestartAsync();
        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(30));

        Assert.Equal(due, Assert.Single(_probe.Ticks).DueAt);
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Reminder_WhoseDeliveryThrows_IsRetriedAndDeliveredLater(string provider)
    {
        await using var cluster = await StartAsync(provider);
        _probe.FailNext(1);
        await cluster.GetGrain<IAlarmGrain>("a1").ScheduleOnceAsync("hold", cluster.Time.GetUtcNow().AddMinutes(1));

        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        var ticksAfterFailure = _probe.Ticks.Count;
        var stillStored = await cluster.Storage.GetReminderAsync(AlarmId, "hold", CancellationToken.None);
        await cluster.AdvanceTimeAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, ticksAfterFailure);
        Assert.NotNull(stillStored);
        Assert.Single(_probe.Ticks);
        Assert.Equal(2, _probe.DeliveryAttempts);
        var stats = await cluster.GetStatisticsAsync();
        Assert.Equal(1, stats.Reminders.Deliveries);
        Assert.Equal(1, stats.Reminders.Failures);
    }

    [Fact]
    public async Task Reminder_Unregistered_DoesNotFire()
    {
        await using var cluster = await StartAsync("memory");
        var alarm = cluster.GetGrain<IAlarmGrain>("a1");
        await alarm.ScheduleOnceAsync("hold", cluster.Time.GetUtcNow().AddMinutes(1));

        await alarm.CancelAsync("hold");
        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        Assert.Empty(_probe.Ticks);
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Reminders_ManyDueAtOnce_AreEachDeliveredOnceAndLagIsMeasured(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var due = cluster.Time.GetUtcNow().AddMinutes(1);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => cluster.GetGrain<IAlarmGrain>($"m{i}").ScheduleOnceAsync("hold", due)));

        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(2));

        Assert.Equal(50, _probe.Ticks.Select(t => t.GrainId).Distinct().Count());
        Assert.Equal(50, _probe.Ticks.Count);
        var stats = await cluster.GetStatisticsAsync();
        Assert.Equal(0, stats.ReminderBacklog);
        Assert.Equal(50, stats.Reminders.SampleCount);
        Assert.Equal(2000, stats.Reminders.MaxMs);
    }

    [Fact]
    public async Task Reminder_WhenClockPassesDueTime_IsDeliveredByThePollLoopWithoutExplicitDelivery()
    {
        var probe = new TestProbe();
        await using var cluster = await RuntimeTestCluster.StartAsync(probe, configure: o => o.ReminderPollInterval = TimeSpan.FromSeconds(1));
        await cluster.GetGrain<IAlarmGrain>("p1").ScheduleOnceAsync("hold", cluster.Time.GetUtcNow().AddSeconds(10));

        cluster.Time.Advance(TimeSpan.FromSeconds(11));

        await Eventually.WaitUntilAsync(() => !probe.Ticks.IsEmpty, "the poll loop delivers the reminder");
        Assert.Equal("hold", Assert.Single(probe.Ticks).Name);
    }

    private Task<TestCluster> StartAsync(string provider) =>
        RuntimeTestCluster.StartAsync(provider, _probe, o =>
        {
            o.ReminderRetryDelay = TimeSpan.FromSeconds(5);

            // Deliveries happen in AdvanceTimeAsync at the new clock time, so delivered times and lag are exact.
            o.ReminderPollInterval = TimeSpan.FromDays(1);
        });
}
