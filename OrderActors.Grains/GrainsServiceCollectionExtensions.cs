using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderActors.Grains.Customers;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using OrderActors.Runtime.Hosting;

namespace OrderActors.Grains;

/// <summary>Registers the domain's services and options; the silo calls <c>services.AddOrderActorsGrains(configuration)</c>.</summary>
public static class GrainsServiceCollectionExtensions
{
    public static IServiceCollection AddOrderActorsGrains(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OrderOptions>()
            .BindConfiguration(OrderOptions.SectionName)
            .Validate<IConfiguration>((_, config) => !OrderOptions.IsBareNumber(config[$"{OrderOptions.SectionName}:{nameof(OrderOptions.PaymentHold)}"]), OrderOptions.BareNumberHold)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RulesCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUncleanStopRecovery, CustomerSpendRepair>());
        return services;
    }
}
