using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrderActors.Runtime.Storage;

namespace OrderActors.Silo;

/// <summary>Tells the operator where the silo listens and what it stores into.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var storage = app.Services.GetRequiredService<IGrainStorage>();
        foreach (var address in addresses ?? [])
        {
            Console.WriteLine($"OrderActors silo listening on {address} (storage: {storage.ProviderName}; health: {address.TrimEnd('/')}/health/ready; OpenAPI: {address.TrimEnd('/')}/openapi/v1.json)");
        }
    }
}
