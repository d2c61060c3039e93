using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace OrderActors.Tests.Runtime;

/// <summary>Starts a <see cref="TestCluster"/> with the runtime test grains and a fresh <see cref="TestProbe"/>.</summary>
public static class RuntimeTestCluster
{
    public static Task<TestCluster> StartAsync(TestProbe probe, StorageOptions? storage = null, Action<RuntimeOptions>? configure = null)
    {
        var options = new TestClusterOptions
        {
            ConfigureServices = services => services.AddSingleton(probe),
            ConfigureRuntime = configure,
        };
        if (storage is not null)
        {
            options.Storage = storage;
        }

        options.GrainAssemblies.Add(typeof(RuntimeTestCluster).Assembly);
        return TestCluster.StartAsync(options);
    }
}
