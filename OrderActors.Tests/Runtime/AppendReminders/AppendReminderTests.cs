using OrderActors.Runtime;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.AppendReminders;

/// <summary>
/// Reminder changes written inside a journal append: stored with the events or not at all, delivered like any other, and
/// the reminder service told of them as of a registration (read-ahead ticks dropped, the poll woken when due soon).
/// These run the real poll loop on a manual clock, as <see cref="ReminderReadAheadTests"/> does.
/// </summary>
public sealed class AppendReminderTests
{
    private static readonly GrainId DeadlineId = new("deadline", "d1");
    private readonly TestProbe _probe = new();

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task AppendAsync_WithReminderSet_StoresItFromTheNewStateAndDeliversItWhenDue(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var start = cluster.Time.GetUtcNow();
        var grain = cluster.GetGrain<IDeadlineGrain>("d1");

        var total = await grain.AddAsync(3, "due", start, TimeSpan.FromMinutes(1));
        var stored = await cluster.Storage.GetReminderAsync(DeadlineId, "due", CancellationToken.None);
        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(3, total);
        Assert.Equal(start.AddMinutes(3), stored?.DueAt);
        Assert.Equal(start.AddMinutes(3), Assert.Single(_probe.Ticks).DueAt);
        await Eventually.WaitUntilAsync(async () => await cluster.Storage.GetReminderAsync(DeadlineId, "due", CancellationToken.None) is null, "the delivered one-shot reminder is removed");
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task AppendAsync_RemovingAReminderReadAhead_DropsTheTickAndTheRow(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var start = cluster.Time.GetUtcNow();
        var grain = cluster.GetGrain<IDeadlineGrain>("d1");
        await grain.AddAsync(1, "hold", start, TimeSpan.FromMilliseconds(1500));
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.ReadAhead == 1, "the poll at 1 s reads the tick due at 1.5 s ahead");

        await grain.AddAsync(1, "hold", start, after: null);
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.DroppedReadAhead == 1, "the tick read ahead is dropped at its due time");
        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(1));

        Assert.Empty(_probe.Ticks);
        Assert.Null(await cluster.Storage.GetReminderAsync(DeadlineId, "hold", CancellationToken.None));
        Assert.Equal(2, await grain.GetTotalAsync());
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task AppendAsync_MovingAReminderReadAhead_DeliversItOnceAtTheNewTime(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var start = cluster.Time.GetUtcNow();
        var grain = cluster.GetGrain<IDeadlineGrain>("d1");
        await grain.AddAsync(1, "sla", start, TimeSpan.FromMilliseconds(1500));
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.ReadAhead == 1, "the tick is read ahead");

        await grain.AddAsync(1, "sla", start, TimeSpan.FromSeconds(5));
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.DroppedReadAhead == 1, "the old tick is dropped");
        var ticksAtTheOldTime = _probe.Ticks.Count;
        await cluster.AdvanceTimeAsync(TimeSpan.FromSeconds(9));

        Assert.Equal(0, ticksAtTheOldTime);
        Assert.Equal(start.AddSeconds(10), Assert.Single(_probe.Ticks).DueAt);
    }

    [Fact]
    public async Task AppendAsync_WithReminderDueBeforeTheNextPoll_WakesThePoll()
    {
        // Polls an hour apart: only the wake-up can make the service read the new reminder before the clock moves.
        await using var cluster = await RuntimeTestCluster.StartAsync("memory", _probe, o =>
        {
            o.ReminderPollInterval = TimeSpan.FromHours(1);
            o.ReminderLookahead = TimeSpan.FromSeconds(2);
        });
        var start = cluster.Time.GetUtcNow();

        await cluster.GetGrain<IDeadlineGrain>("d1").AddAsync(1, "soon", start, TimeSpan.FromSeconds(1));
        await WaitForStatisticAsync(cluster, s => s.ReadAhead == 1, "the woken poll reads the reminder due in 1 s ahead");
        cluster.Time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.WaitUntilAsync(() => !_probe.Ticks.IsEmpty, "the tick is delivered at its due time");
        Assert.Equal(start.AddSeconds(1), Assert.Single(_probe.Ticks).DueAt);
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task AppendAsync_EventRejectedOrRemindersFailing_StoresNeitherEventsNorReminders(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var grain = cluster.GetGrain<IDeadlineGrain>("d1");
        await grain.AddAsync(2, "kept", cluster.Time.GetUtcNow(), TimeSpan.FromHours(1));

        var rejected = await grain.AddPoisonedAsync("poisoned", cluster.Time.GetUtcNow().AddHours(1));
        var failing = await grain.AddWithFailingRemindersAsync(5);

        Assert.Equal("poisoned event rejected", rejected);
        Assert.Equal("no deadline", failing);
        Assert.Equal(2, await grain.GetTotalAsync());
        Assert.Equal(1, (await cluster.Storage.LoadAsync(DeadlineId, CancellationToken.None)).Version);
        Assert.Equal(["kept"], (await cluster.Storage.GetGrainRemindersAsync(DeadlineId, CancellationToken.None)).Select(r => r.Name));
    }

    private static Task WaitForStatisticAsync(TestCluster cluster, Func<ReminderLagStatistics, bool> condition, string description) =>
        Eventually.WaitUntilAsync(async () => condition((await cluster.GetStatisticsAsync()).Reminders), description);

    private Task<TestCluster> StartAsync(string provider) =>
        RuntimeTestCluster.StartAsync(provider, _probe, o =>
        {
            o.ReminderPollInterval = TimeSpan.FromSeconds(1);
            o.ReminderLookahead = TimeSpan.FromSeconds(2);
        });
}
