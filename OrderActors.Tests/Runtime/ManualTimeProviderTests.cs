using OrderActors.Runtime.Testing;

namespace OrderActors.Tests.Runtime;

public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_MovesUtcNowAndTimestampTogether()
    {
        var time = new ManualTimeProvider(Start);
        var before = time.GetTimestamp();

        time.Advance(TimeSpan.FromMinutes(90));

        Assert.Equal(Start.AddMinutes(90), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(90), time.GetElapsedTime(before));
    }

    [Fact]
    public void Advance_FiresTimersInDueOrderAtTheirDueTimes()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow())), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([("early", Start.AddSeconds(10)), ("late", Start.AddSeconds(30))], fired);
        Assert.Equal(Start.AddMinutes(1), time.GetUtcNow());
    }

    [Fact]
    public void Advance_FiresPeriodicTimerOncePerElapsedPeriod()
    {
        var time = new ManualTimeProvider(Start);
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(5.5));

        Assert.Equal(5, count);
    }

    [Fact]
    public void Timer_ChangedOrDisposed_FollowsTheNewSchedule()
    {
        var time = new ManualTimeProvider(Start);
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(5));
        var afterFive = count;
        time.Advance(TimeSpan.FromSeconds(5));
        var afterTen = count;
        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, afterFive);
        Assert.Equal(1, afterTen);
        Assert.Equal(1, count);
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var time = new ManualTimeProvider(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(Start.AddSeconds(-1)));
    }

    [Fact]
    public void Advance_ByFarMorePeriodsThanTheCatchUpCap_FiresCapTimesThenKeepsThePeriodFromNow()
    {
        var clock = new ManualTimeProvider();
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => ticks++, null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));

        clock.Advance(TimeSpan.FromDays(81));
        var afterLongJump = ticks;
        clock.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal(ManualTimeProvider.MaxCatchUpTicks, afterLongJump);
        Assert.Equal(ManualTimeProvider.MaxCatchUpTicks + 1, ticks);
    }
}
