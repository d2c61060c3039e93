using OrderActors.Runtime;

namespace OrderActors.Bench.Grains;

public sealed class CallBenchGrain : Grain, ICallBenchGrain
{
    private int _total;

    public Task<int> AddAsync(int amount)
    {
        _total += amount;
        return Task.FromResult(_total);
    }
}
