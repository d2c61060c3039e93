namespace OrderActors.Bench.Calls;

/// <summary>Baseline 1: the same counter as a plain object behind a <see cref="SemaphoreSlim"/> (what code without actors does).</summary>
public sealed class LockedCounter
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _count;

    public int Count => _count;

    public async Task<int> AddAsync(int amount)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _count += amount;
            return _count;
        }
        finally
        {
            _gate.Release();
        }
    }
}
