using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();
}
