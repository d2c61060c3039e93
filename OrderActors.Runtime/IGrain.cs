namespace OrderActors.Runtime;

/// <summary>Marker for grain interfaces. Every method of a grain interface returns <see cref="Task"/> or <see cref="Task{TResult}"/>.</summary>
#pragma warning disable CA1040 // marker interface, as in Orleans
public interface IGrain;
#pragma warning restore CA1040
