using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Silo;

// INTERIM: stands in for the runtime's AddOrderActorsRuntime (which registers and initializes storage) until it lands.
internal static class InterimStorage
{
    public static IServiceCollection AddInterimStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StorageProviderFactory.Create(
            configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<IStorageProvider>());
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<IStorageProvider>());
        services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<IStorageProvider>());
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
