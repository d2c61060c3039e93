using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Reminders;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.AppendReminders;

/// <summary>A journaled grain whose reminders ride on its appends (the reminder follows from the state after the events).</summary>
public sealed class DeadlineGrain(IJournal<TallyState> journal, TestProbe probe) : Grain, IDeadlineGrain, IRemindable
{
    public async Task<int> AddAsync(int amount, string name, DateTimeOffset from, TimeSpan? after)
    {
        await journal.AppendAsync([new TallyAdded(amount)], "test", state =>
            [after is { } step ? ReminderChange.Set(name, from + (step * state.Total)) : ReminderChange.Remove(name)]);
        return journal.State.Total;
    }

    public async Task<string?> AddPoisonedAsync(string name, DateTimeOffset dueAt)
    {
        try
        {
            await journal.AppendAsync([new TallyPoisoned(1)], "test", _ => [ReminderChange.Set(name, dueAt)]);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    public async Task<string?> AddWithFailingRemindersAsync(int amount)
    {
        try
        {
            await journal.AppendAsync([new TallyAdded(amount)], "test", _ => throw new InvalidOperationException("no deadline"));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    public Task<int> GetTotalAsync() => Task.FromResult(journal.State.Total);

    public Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        probe.Ticks.Enqueue(new ReminderTick(GrainId, reminderName, status.DueAt, status.CurrentTime));
        return Task.CompletedTask;
    }
}
