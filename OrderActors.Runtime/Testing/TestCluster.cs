using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrderActors.Runtime.Core;
using OrderActors.Runtime.Hosting;
using OrderActors.Runtime.Inspection;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Storage.Memory;

namespace OrderActors.Runtime.Testing;

/// <summary>
/// An in-process silo for tests (the role of Orleans.TestingHost): a real generic host with the runtime registered by
/// <see cref="RuntimeServiceCollectionExtensions.AddOrderActorsRuntime"/>, a <see cref="ManualTimeProvider"/> as its clock,
/// and the storage of <see cref="TestClusterOptions.Storage"/>.
/// <code>
/// await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { GrainAssemblies = { typeof(OrderGrain).Assembly } });
/// var order = cluster.GrainFactory.GetGrain&lt;IOrderGrain&gt;("tb-1");
/// await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(31));   // due reminders are delivered before this returns
/// await cluster.RestartAsync();                                // same database, same clock, fresh activations
/// </code>
/// References obtained before <see cref="RestartAsync"/> belong to the stopped silo: get new ones from <see cref="GrainFactory"/>.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly InMemoryStorageProvider? _memory;
    private IHost _host;

    private TestCluster(TestClusterOptions options, ManualTimeProvider time, InMemoryStorageProvider? memory)
    {
        _options = options;
        Time = time;
        _memory = memory;
        _host = BuildHost();
    }

    /// <summary>The manual clock of the cluster; move it with <see cref="AdvanceTimeAsync"/> to also deliver reminders.</summary>
    public ManualTimeProvider Time { get; }

    /// <summary>The current silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The current silo's grain factory.</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The current silo's storage provider (for writing behind a grain's back, or reading raw events).</summary>
    public IStorageProvider Storage => Services.GetRequiredService<IStorageProvider>();

    /// <summary>The current silo's inspector.</summary>
    public IRuntimeInspector Inspector => Services.GetRequiredService<IRuntimeInspector>();

    /// <summary>Builds and starts a cluster.</summary>
    public static async Task<TestCluster> StartAsync(TestClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GrainAssemblies.Count == 0)
        {
            throw new ArgumentException("TestClusterOptions.GrainAssemblies must name at least one assembly with grains.", nameof(options));
        }

        var time = new ManualTimeProvider(options.StartTime);
        var memory = string.Equals(options.Storage.Provider, "memory", StringComparison.OrdinalIgnoreCase) ? new InMemoryStorageProvider(time) : null;
        var cluster = new TestCluster(options, time, memory);
        try
        {
            await cluster._host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return cluster;
    }

    /// <summary>A reference to a grain of the current silo (shorthand for <c>GrainFactory.GetGrain</c>).</summary>
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey => GrainFactory.GetGrain<TGrainInterface>(key);

    /// <summary>
    /// Moves the clock by <paramref name="delta"/> (timers fire on the way), then delivers every reminder now due and waits
    /// for those deliveries, repeating while deliveries make new reminders due. Failed deliveries wait for their retry delay.
    /// </summary>
    public async Task AdvanceTimeAsync(TimeSpan delta, CancellationToken cancellationToken = default)
    {
        Time.Advance(delta);
        await DeliverDueRemindersAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers every reminder due now (without moving the clock) and waits for the deliveries.</summary>
    public Task DeliverDueRemindersAsync(CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<ReminderService>().DeliverDueRemindersAsync(cancellationToken);

    /// <summary>Stops the silo (graceful deactivation) and starts a new one on the same database and clock.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopHostAsync(cancellationToken).ConfigureAwait(false);
        _host = BuildHost();
        await _host.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deactivates every activation that is not busy right now (as idle collection would) and waits until they are gone.</summary>
    public Task CollectIdleAsync() => Services.GetRequiredService<GrainRuntime>().CollectIdleAsync(TimeSpan.Zero);

    /// <summary>The current silo's statistics.</summary>
    public Task<RuntimeStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        Inspector.GetStatisticsAsync(cancellationToken);

    /// <summary>Stops the silo and releases the storage.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopHostAsync(CancellationToken.None).ConfigureAwait(false);
        if (_memory is not null)
        {
            await _memory.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StopHostAsync(CancellationToken cancellationToken)
    {
        await _host.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        var services = builder.Services;
        services.AddSingleton<TimeProvider>(Time);
        if (_memory is not null)
        {
            services.AddSingleton<IStorageProvider>(_memory);
        }

        services.AddOrderActorsRuntime(null, [.. _options.GrainAssemblies]);
        var storage = _options.Storage;
        services.Configure<StorageOptions>(o =>
        {
            o.Provider = storage.Provider;
            o.ConnectionString = storage.ConnectionString;
            o.MaxBatchSize = storage.MaxBatchSize;
            o.GroupCommit = storage.GroupCommit;
        });
        if (_options.ConfigureRuntime is { } configureRuntime)
        {
            services.Configure(configureRuntime);
        }

        _options.ConfigureServices?.Invoke(services);
        return builder.Build();
    }
}
