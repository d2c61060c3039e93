using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Testing;

/// <summary>How a <see cref="TestCluster"/> is built.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Storage for the cluster. Default: the in-memory provider (kept across <see cref="TestCluster.RestartAsync"/>).</summary>
    public StorageOptions Storage { get; set; } = new() { Provider = "memory" };

    /// <summary>Assemblies scanned for grain classes and interfaces (at least one).</summary>
    public IList<Assembly> GrainAssemblies { get; } = [];

    /// <summary>Extra registrations (services the grains need, test probes); runs after the runtime's, so it may override them.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Runtime settings for the test (e.g. a shorter <see cref="RuntimeOptions.CollectionAge"/>).</summary>
    public Action<RuntimeOptions>? ConfigureRuntime { get; set; }

    /// <summary>Where the manual clock starts. Default 2026-01-01T00:00:00Z.</summary>
    public DateTimeOffset StartTime { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
