namespace OrderActors.Runtime.Core;

/// <summary>The life of an activation.</summary>
internal enum ActivationState
{
    /// <summary>Constructed; the activation turn has not run yet.</summary>
    Created,

    /// <summary>Constructing the grain, loading its journal, running OnActivateAsync.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Active,

    /// <summary>Running OnDeactivateAsync; calls wait and are then forwarded.</summary>
    Deactivating,

    /// <summary>Gone from the directory; anything still sent here is forwarded to a fresh activation.</summary>
    Deactivated,
}
