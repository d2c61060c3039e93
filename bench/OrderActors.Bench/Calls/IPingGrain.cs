using OrderActors.Runtime;

namespace OrderActors.Bench.Calls;

/// <summary>The trivial grain of the calls benchmark.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/> to the grain's counter and returns the new value.</summary>
    Task<int> AddAsync(int amount);
}
