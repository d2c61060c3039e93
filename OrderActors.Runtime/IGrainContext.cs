namespace OrderActors.Runtime;

/// <summary>What an activation offers its grain: identity, the factory, reminders, timers and lifecycle control.</summary>
public interface IGrainContext
{
    /// <summary>The activation's grain id.</summary>
    GrainId GrainId { get; }

    /// <summary>The factory for calling other grains from this one.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>Registers or moves a durable reminder. <paramref name="period"/> <see langword="null"/> makes it one-shot.</summary>
    Task RegisterOrUpdateReminderAsync(string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken = default);

    /// <summary>Removes a durable reminder; removing one that does not exist is not an error.</summary>
    Task UnregisterReminderAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Starts a non-durable timer whose callback runs as a turn of this activation.</summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    void DeactivateOnIdle();
}
