using OrderActors.Runtime;

namespace OrderActors.Bench.Grains;

/// <summary>The grain the call benchmark calls: a little in-memory state, no storage.</summary>
public interface ICallBenchGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);
}
