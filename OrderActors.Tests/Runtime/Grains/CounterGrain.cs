using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

/// <summary>Reads, awaits, then writes: loses updates unless calls are strictly one at a time.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private int _count;

    public async Task<int> IncrementAsync()
    {
        var read = _count;
        await Task.Yield();
        _count = read + 1;
        return _count;
    }

    public Task<int> GetAsync() => Task.FromResult(_count);
}
