using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrderActors.Runtime;
using OrderActors.Runtime.Hosting;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class HostingTests
{
    [Fact]
    public async Task AddOrderActorsRuntime_BindsOptionsFromConfigurationAndServesGrains()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderActors:Storage:Provider"] = "memory",
            ["OrderActors:Runtime:SnapshotInterval"] = "5",
            ["OrderActors:Runtime:CallTimeout"] = "00:00:10",
        });
        builder.Services.AddSingleton(new TestProbe());
        builder.Services.AddOrderActorsRuntime(null, typeof(HostingTests).Assembly);
        using var host = builder.Build();

        await host.StartAsync();
        var answer = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ITallyGrain>("h1").AddAsync(3);
        await host.StopAsync();

        Assert.Equal(3, answer);
        var runtime = host.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        Assert.Equal(5, runtime.SnapshotInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), runtime.CallTimeout);
        var provider = host.Services.GetRequiredService<IStorageProvider>();
        Assert.Equal("memory", provider.ProviderName);
        Assert.Same(provider, host.Services.GetRequiredService<IGrainStorage>());
        Assert.Same(provider, host.Services.GetRequiredService<IReminderTable>());
        Assert.Same(provider, host.Services.GetRequiredService<IDocumentStore>());
        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task StopAsync_CalledAgainAfterTheServicesWereDisposed_DoesNothing()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OrderActors:Storage:Provider"] = "memory" });
        builder.Services.AddSingleton(new TestProbe());
        builder.Services.AddOrderActorsRuntime(null, typeof(HostingTests).Assembly);
        var host = builder.Build();
        await host.StartAsync();
        var silo = host.Services.GetServices<IHostedService>().OfType<OrderActors.Runtime.Hosting.Silo>().Single();
        await host.StopAsync();
        host.Dispose();

        var second = await Record.ExceptionAsync(() => silo.StopAsync(CancellationToken.None));

        Assert.Null(second);
    }

    [Fact]
    public void AddOrderActorsRuntime_WithUnknownStorageProvider_FailsWithClearError()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OrderActors:Storage:Provider"] = "mongo" })
            .Build();
        services.AddOrderActorsRuntime(configuration, typeof(HostingTests).Assembly);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStorageProvider>());

        Assert.Contains("mongo", error.Message, StringComparison.Ordinal);
    }
}
