using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.AppendReminders;

public interface IDeadlineGrain : IGrainWithStringKey
{
    /// <summary>Appends a tally event with the reminder <paramref name="name"/> set due <paramref name="after"/> past <paramref name="from"/> times the new total, or removed when <paramref name="after"/> is null.</summary>
    Task<int> AddAsync(int amount, string name, DateTimeOffset from, TimeSpan? after);

    /// <summary>Appends an event the state rejects, with a reminder set.</summary>
    Task<string?> AddPoisonedAsync(string name, DateTimeOffset dueAt);

    /// <summary>Appends an event and throws while deciding its reminders.</summary>
    Task<string?> AddWithFailingRemindersAsync(int amount);

    Task<int> GetTotalAsync();
}
