using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

public interface IAlarmGrain : IGrainWithStringKey
{
    Task ScheduleOnceAsync(string name, DateTimeOffset dueAt);

    Task SchedulePeriodicAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task CancelAsync(string name);
}
