using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Inspection;

/// <summary>Read-only view of a running silo, for the admin API and CLI.</summary>
public interface IRuntimeInspector
{
    /// <summary>The grain type names this silo knows (e.g. <c>order</c>, <c>skustock</c>).</summary>
    IReadOnlyList<string> GrainTypes { get; }

    /// <summary>Counters and figures of the silo now.</summary>
    Task<RuntimeStatistics> GetStatisticsAsync(CancellationToken cancellationToken);

    /// <summary>Activations (optionally of one grain type), longest queues first, at most <paramref name="maxCount"/>.</summary>
    IReadOnlyList<ActivationInfo> ListActivations(string? grainType, int maxCount);

    /// <summary>The last <paramref name="count"/> stored events of a grain, oldest first (for <c>grains show</c>).</summary>
    Task<IReadOnlyList<StoredEvent>> GetLatestEventsAsync(GrainId grainId, int count, CancellationToken cancellationToken);
}
