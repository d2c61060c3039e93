using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Runtime.Core;
using OrderActors.Runtime.Inspection;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Hosting;

/// <summary>Registers the OrderActors runtime (a silo) in a service collection.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime: <see cref="RuntimeOptions"/> from <c>OrderActors:Runtime</c> and <see cref="StorageOptions"/> from
    /// <c>OrderActors:Storage</c> (of <paramref name="configuration"/>, else of the container's <see cref="IConfiguration"/> when
    /// one is registered, else code defaults), <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is
    /// registered, the storage provider (one singleton exposed as <see cref="IStorageProvider"/>, <see cref="IGrainStorage"/>,
    /// <see cref="Reminders.IReminderTable"/>, <see cref="IDocumentStore"/>, <see cref="IStorageDiagnostics"/>; an
    /// <see cref="IStorageProvider"/> registered before this call is used instead), <see cref="IGrainFactory"/>,
    /// <see cref="IRuntimeInspector"/>, <see cref="ReminderService"/>, <see cref="SiloRun"/> and the <see cref="Silo"/> hosted service.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Configuration to bind options from; <see langword="null"/> to use the container's.</param>
    /// <param name="grainAssemblies">Assemblies scanned for grain classes and grain interfaces.</param>
    public static IServiceCollection AddOrderActorsRuntime(this IServiceCollection services, IConfiguration? configuration, params Assembly[] grainAssemblies)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(grainAssemblies);
        if (services.Any(d => d.ServiceType == typeof(GrainRuntime)))
        {
            throw new InvalidOperationException("AddOrderActorsRuntime was called twice; pass all grain assemblies in one call.");
        }

        var runtimeOptions = services.AddOptions<RuntimeOptions>();
        var storageOptions = services.AddOptions<StorageOptions>();
        if (configuration is not null)
        {
            runtimeOptions.Bind(configuration.GetSection(RuntimeOptions.SectionName));
            storageOptions.Bind(configuration.GetSection(StorageOptions.SectionName));
        }
        else if (services.Any(d => d.ServiceType == typeof(IConfiguration)))
        {
            runtimeOptions.BindConfiguration(RuntimeOptions.SectionName);
            storageOptions.BindConfiguration(StorageOptions.SectionName);
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStorageProvider>(sp => StorageProviderFactory.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<IGrainStorage>(sp => sp.GetRequiredService<IStorageProvider>());
        services.TryAddSingleton<IReminderTable>(sp => sp.GetRequiredService<IStorageProvider>());
        services.TryAddSingleton<IDocumentStore>(sp => sp.GetRequiredService<IStorageProvider>());
        services.TryAddSingleton<IStorageDiagnostics>(sp => sp.GetRequiredService<IStorageProvider>());

        var registry = new GrainTypeRegistry(grainAssemblies);
        services.AddSingleton(registry);
        services.AddSingleton<ReminderWakeup>();
        services.AddSingleton<SiloInfo>();
        services.AddSingleton(sp => new GrainRuntime(
            registry,
            sp,
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>(),
            sp.GetRequiredService<ReminderWakeup>(),
            sp.GetRequiredService<ILogger<GrainRuntime>>()));
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton(sp => new ReminderService(
            sp.GetRequiredService<GrainRuntime>(),
            sp.GetRequiredService<IReminderTable>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>(),
            sp.GetRequiredService<ReminderWakeup>(),
            sp.GetRequiredService<ILogger<ReminderService>>()));
        services.AddSingleton<IRuntimeInspector>(sp => new RuntimeInspector(
            sp.GetRequiredService<GrainRuntime>(),
            sp.GetRequiredService<ReminderService>(),
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<SiloInfo>()));
        services.AddSingleton(sp => new SiloRun(
            sp.GetRequiredService<IDocumentStore>(),
            sp,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>(),
            sp.GetRequiredService<ILogger<SiloRun>>()));
        services.AddSingleton(sp => new Silo(
            sp.GetRequiredService<GrainRuntime>(),
            sp.GetRequiredService<ReminderService>(),
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<SiloInfo>(),
            sp.GetRequiredService<ILogger<Silo>>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<GrainTypeRegistry>(),
            sp.GetRequiredService<SiloRun>(),
            sp.GetService<IHostApplicationLifetime>()));
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());
        return services;
    }
}
