using OrderActors.Runtime.Core;
using OrderActors.Runtime.Hosting;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Inspection;

/// <summary>The inspector over the runtime, the reminder service and storage diagnostics.</summary>
internal sealed class RuntimeInspector(GrainRuntime runtime, ReminderService reminders, IStorageProvider storage, SiloInfo silo) : IRuntimeInspector
{
    private readonly Lock _rateLock = new();
    private long _sampleAt;
    private long _sampleCalls;
    private double _rate;

    public IReadOnlyList<string> GrainTypes => runtime.Registry.Classes.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();

    public async Task<RuntimeStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        var activations = runtime.Activations.ToList();
        var infos = activations.Select(Describe).ToList();
        var byType = activations
            .GroupBy(a => a.GrainId.Type, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var calls = runtime.CallsTotal;
        var backlog = await reminders.CountBacklogAsync(cancellationToken).ConfigureAwait(false);
        var now = runtime.Time.GetUtcNow();
        return new RuntimeStatistics(
            silo.Id,
            silo.StartedAt,
            now - silo.StartedAt,
            storage.ProviderName,
            storage.GetStatistics(),
            activations.Count,
            byType,
            infos.Sum(i => (long)i.QueueLength),
            infos.Where(i => i.QueueLength > 0).OrderByDescending(i => i.QueueLength).Take(10).ToList(),
            CallsPerSecond(calls),
            calls,
            runtime.CallsFailed,
            backlog,
            reminders.GetLagStatistics());
    }

    public IReadOnlyList<ActivationInfo> ListActivations(string? grainType, int maxCount) =>
        runtime.Activations
            .Where(a => grainType is null || a.GrainId.Type == grainType)
            .Select(Describe)
            .OrderByDescending(i => i.QueueLength)
            .ThenBy(i => i.GrainId.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, maxCount))
            .ToList();

    public async Task<IReadOnlyList<StoredEvent>> GetLatestEventsAsync(GrainId grainId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var load = await storage.LoadAsync(grainId, cancellationToken).ConfigureAwait(false);
        var from = Math.Max(0, load.Version - count);
        return await storage.ReadEventsAsync(grainId, from, count, cancellationToken).ConfigureAwait(false);
    }

    private static ActivationInfo Describe(Activation activation) =>
        new(activation.GrainId, activation.QueueLength, activation.IdleTime, activation.CallsCompleted);

    private double CallsPerSecond(long calls)
    {
        var now = runtime.Time.GetTimestamp();
        lock (_rateLock)
        {
            if (_sampleAt == 0)
            {
                _sampleAt = silo.StartedTimestamp;
            }

            var elapsed = runtime.Time.GetElapsedTime(_sampleAt, now);
            if (elapsed >= TimeSpan.FromSeconds(1))
            {
                _rate = (calls - _sampleCalls) / elapsed.TotalSeconds;
                _sampleAt = now;
                _sampleCalls = calls;
            }

            return _rate;
        }
    }
}
