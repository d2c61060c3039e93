using Microsoft.Extensions.DependencyInjection;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

/// <summary>Starts a <see cref="TestCluster"/> with the runtime test grains and a fresh <see cref="TestProbe"/>.</summary>
public static class RuntimeTestCluster
{
    /// <summary>Every provider the runtime's persistence tests run on: memory, and the real databases.</summary>
    public static TheoryData<string> Providers => new() { "memory", "sqlite", "postgres" };

    public static Task<TestCluster> StartAsync(
        TestProbe probe, StorageOptions? storage = null, Action<RuntimeOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var options = new TestClusterOptions
        {
            ConfigureServices = s =>
            {
                s.AddSingleton(probe);
                services?.Invoke(s);
            },
            ConfigureRuntime = configure,
        };
        if (storage is not null)
        {
            options.Storage = storage;
        }

        options.GrainAssemblies.Add(typeof(RuntimeTestCluster).Assembly);
        return TestCluster.StartAsync(options);
    }

    /// <summary>Starts a cluster on a fresh database of <paramref name="provider"/> (<c>memory</c>, <c>sqlite</c> or <c>postgres</c>).</summary>
    public static async Task<TestCluster> StartAsync(
        string provider, TestProbe probe, Action<RuntimeOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var storage = provider == "memory" ? null : await TestDatabases.CreateAsync(provider, "runtime");
        return await StartAsync(probe, storage, configure, services);
    }
}
