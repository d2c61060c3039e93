namespace OrderActors.Runtime.Journaling;

/// <summary>State that is changed only by applying events (event sourcing). <see cref="Apply"/> must be deterministic and must not throw for an event it once accepted.</summary>
public interface IJournaledState
{
    /// <summary>Applies one confirmed event.</summary>
    void Apply(object @event);
}
