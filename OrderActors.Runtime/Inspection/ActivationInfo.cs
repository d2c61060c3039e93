namespace OrderActors.Runtime.Inspection;

/// <summary>One activation as seen by the inspector.</summary>
/// <param name="GrainId">The grain.</param>
/// <param name="QueueLength">Calls waiting plus the one running.</param>
/// <param name="IdleTime">Time since its last call finished.</param>
/// <param name="Calls">Calls it has completed.</param>
public sealed record ActivationInfo(GrainId GrainId, int QueueLength, TimeSpan IdleTime, long Calls);
