namespace OrderActors.Runtime;

/// <summary>A grain interface whose grains are keyed by a string (all grains in OrderActors are).</summary>
#pragma warning disable CA1040 // marker interface, as in Orleans
public interface IGrainWithStringKey : IGrain;
#pragma warning restore CA1040
