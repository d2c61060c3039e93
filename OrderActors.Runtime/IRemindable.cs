namespace OrderActors.Runtime;

/// <summary>A grain that receives durable reminders. Delivery is at least once, through the normal call path (it takes a turn like any call).</summary>
public interface IRemindable : IGrain
{
    /// <summary>Called when the reminder <paramref name="reminderName"/> is due.</summary>
    Task ReceiveReminderAsync(string reminderName, TickStatus status);
}
