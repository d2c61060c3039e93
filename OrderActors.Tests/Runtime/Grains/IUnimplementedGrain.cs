using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task DoAsync();
}
