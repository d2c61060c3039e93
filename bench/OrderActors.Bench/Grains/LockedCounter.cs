namespace OrderActors.Bench.Grains;

/// <summary>The baseline: the same state guarded by a per-object async lock (a naive one-call-at-a-time object).</summary>
public sealed class LockedCounter
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private int _total;

    public async Task<int> AddAsync(int amount)
    {
        await _lock.WaitAsync();
        try
        {
            _total += amount;
            return _total;
        }
        finally
        {
            _lock.Release();
        }
    }
}
