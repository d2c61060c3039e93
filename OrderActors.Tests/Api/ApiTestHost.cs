using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Api.Webhooks;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// The real silo (<c>Program</c>) in-process over a real database, with a known admin key and channel secrets;
/// <paramref name="services"/> adds registrations after the silo's own.
/// </summary>
public sealed class ApiTestHost(StorageOptions storage, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-6f1c2a9e0d8b4c7f";
    public const string ChannelSecret = "channel-secret-for-tests-0123456789";

    public StorageOptions Storage { get; } = storage;

    public static async Task<ApiTestHost> StartAsync(string provider, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new ApiTestHost(await TestDatabases.CreateAsync(provider, "api"), clock, settings);
        _ = host.Server;
        return host;
    }

    /// <summary>A second host on the same database (a restart).</summary>
    public ApiTestHost Restart(TimeProvider? newClock = null) => new(Storage, newClock ?? clock, settings, services);

    public HttpClient Admin() => WithKey(AdminKey);

    public HttpClient WithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task<HttpClient> WithRolesAsync(params string[] roles)
    {
        var response = await Admin().PostAsJsonAsync("/api/keys", new CreateApiKeyRequest($"test {string.Join('+', roles)}", roles));
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<ApiKeyCreated>())!;
        return WithKey(created.Key);
    }

    /// <summary>Posts a webhook body signed the way <paramref name="channel"/> signs (Shopify base64, others <c>sha256=hex</c>).</summary>
    public Task<HttpResponseMessage> PostWebhookAsync(string channel, string body, string? secret = ChannelSecret, string? deliveryId = null, string? signedBody = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{channel}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(signedBody ?? body);
            if (channel == "shopify")
            {
                request.Headers.Add(WebhookSignatures.ShopifyHeader, WebhookSignatures.SignBase64(bytes, secret));
            }
            else
            {
                request.Headers.Add(WebhookSignatures.Header, WebhookSignatures.SignHex(bytes, secret));
            }
        }

        if (deliveryId is not null)
        {
            request.Headers.Add(channel == "shopify" ? WebhookSignatures.ShopifyWebhookIdHeader : WebhookSignatures.DeliveryHeader, deliveryId);
        }

        return CreateClient().SendAsync(request);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("OrderActors:Storage:Provider", Storage.Provider);
        builder.UseSetting("OrderActors:Storage:ConnectionString", Storage.ConnectionString);
        builder.UseSetting("OrderActors:Auth:BootstrapAdminKey", AdminKey);
        foreach (var channel in new[] { "taobao", "jd", "pdd", "douyin", "shopify", "own" })
        {
            builder.UseSetting($"OrderActors:Channels:{channel}:Secret", ChannelSecret);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (clock is not null)
        {
            builder.ConfigureTestServices(registrations => registrations.AddSingleton(clock));
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
