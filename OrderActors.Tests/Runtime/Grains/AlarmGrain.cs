using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

public sealed class AlarmGrain(TestProbe probe, TimeProvider time) : Grain, IAlarmGrain, IRemindable
{
    public Task ScheduleOnceAsync(string name, DateTimeOffset dueAt) => RegisterOrUpdateReminderAsync(name, dueAt);

    public Task SchedulePeriodicAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        RegisterOrUpdateReminderAsync(name, dueTime, period, time);

    public Task CancelAsync(string name) => UnregisterReminderAsync(name);

    public Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        Interlocked.Increment(ref probe.DeliveryAttempts);
        if (probe.ShouldFail())
        {
            throw new InvalidOperationException("reminder failure injected by the test");
        }

        probe.Ticks.Enqueue(new ReminderTick(GrainId, reminderName, status.DueAt, status.CurrentTime));
        return Task.CompletedTask;
    }
}
