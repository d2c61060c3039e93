namespace OrderActors.Runtime.Storage;

/// <summary>Storage figures for inspection: commit batches and latency.</summary>
public interface IStorageDiagnostics
{
    /// <summary>A snapshot of the counters.</summary>
    StorageStatistics GetStatistics();
}
