namespace OrderActors.Runtime;

/// <summary>
/// Base class of grain implementations, shaped like Orleans' <c>Grain</c>. The runtime constructs the
/// grain (constructor injection, including <see cref="Journaling.IJournal{TState}"/>), attaches its
/// context, then calls <see cref="OnActivateAsync"/> before the first call is delivered.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>The activation context; available from <see cref="OnActivateAsync"/> on.</summary>
    protected IGrainContext GrainContext => _context ?? throw new InvalidOperationException("The grain has not been activated by the runtime yet; do not use the context in the constructor.");

    /// <summary>This grain's id.</summary>
    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>The factory for calling other grains.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The string key of this grain.</summary>
    public string GetPrimaryKeyString() => GrainContext.GrainId.Key;

    /// <summary>Called once per activation before any call; state has been loaded already.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when the activation is deactivated (best effort: not on a crash).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers or updates a periodic durable reminder first due after <paramref name="dueTime"/>.</summary>
    protected Task RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return GrainContext.RegisterOrUpdateReminderAsync(name, time.GetUtcNow() + dueTime, period);
    }

    /// <summary>Registers or moves a one-shot durable reminder due at <paramref name="dueAt"/>.</summary>
    protected Task RegisterOrUpdateReminderAsync(string name, DateTimeOffset dueAt) =>
        GrainContext.RegisterOrUpdateReminderAsync(name, dueAt, period: null);

    /// <summary>Removes a durable reminder.</summary>
    protected Task UnregisterReminderAsync(string name) => GrainContext.UnregisterReminderAsync(name);

    /// <summary>Starts a non-durable timer; its callback runs as a turn of this activation (never concurrently with a call).</summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterTimer(callback, dueTime, period);

    /// <summary>Asks the runtime to deactivate this activation after the current turn.</summary>
    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    internal void Attach(IGrainContext context) => _context = context;
}
