using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderActors.Grains;
using OrderActors.Grains.Orders;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderOptionsTests
{
    [Fact]
    public void AddOrderActorsGrains_PaymentHoldConfigured_OverridesTheDefault()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OrderActors:Orders:PaymentHold"] = "00:15:00" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        using var provider = services.AddOrderActorsGrains(configuration).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(15), provider.GetRequiredService<IOptions<OrderOptions>>().Value.PaymentHold);
    }

    [Fact]
    public void AddOrderActorsGrains_NothingConfigured_HoldsPaymentFor30Minutes()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        using var provider = services.AddOrderActorsGrains(configuration).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(30), provider.GetRequiredService<IOptions<OrderOptions>>().Value.PaymentHold);
    }
}
