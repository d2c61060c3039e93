using OrderActors.Runtime;

namespace OrderActors.Bench.Calls;

/// <summary>A grain whose only work is a counter: what is measured is the runtime's call path, not the grain.</summary>
[GrainType("bench-ping")]
public sealed class PingGrain : Grain, IPingGrain
{
    private int _count;

    public Task<int> AddAsync(int amount)
    {
        _count += amount;
        return Task.FromResult(_count);
    }
}
