using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderActors.Api.Admin;
using OrderActors.Api.Auth;
using OrderActors.Api.Channels;
using OrderActors.Api.Customers;
using OrderActors.Api.Errors;
using OrderActors.Api.Events;
using OrderActors.Api.Health;
using OrderActors.Api.Housekeeping;
using OrderActors.Api.Keys;
using OrderActors.Api.Orders;
using OrderActors.Api.Reports;
using OrderActors.Api.Rules;
using OrderActors.Api.OpenApi;
using OrderActors.Api.Stock;
using OrderActors.Api.Subscriptions;
using OrderActors.Api.Tracking;
using OrderActors.Api.Webhooks;

namespace OrderActors.Api;

/// <summary>Registers and maps the HTTP API: <c>services.AddOrderActorsApi()</c>, then <c>app.MapOrderActorsApi()</c>.</summary>
public static class OrderActorsApiExtensions
{
    public const string TrackingRateLimitPolicy = "tracking";

    public static IServiceCollection AddOrderActorsApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName)
            .Validate(o => o.FindReportTimeZone() is not null, $"{ApiOptions.SectionName}:ReportTimeZone: not a time zone this machine knows; write an IANA name such as Asia/Shanghai, or UTC.")
            .ValidateOnStart();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName)
            .Validate(o => o.IsValid(), $"{RetentionOptions.SectionName}: Interval must be positive and at most 30 days, and WebhookDeliveries and IdempotencyKeys 0 (for ever) or positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            Problems.Complete(context.ProblemDetails);
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Every string of a body is checked against TextRules: one line by default, free text where FreeTextProperties says.
            options.SerializerOptions.Converters.Add(TextStringConverter.SingleLine);
            options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(FreeTextProperties.Apply);
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // A property given twice (`{"quantity": 1, "quantity": 100}`) is refused: the last one used to win silently,
            // so a body that a proxy, a log or a reviewer reads one way was carried out the other.
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer<ProblemResponsesTransformer>();
            options.AddDocumentTransformer<ProblemSchema>();
            options.AddSchemaTransformer<StringSchemaTransformer>();
        });

        services.AddAuthentication(ApiKeyAuthenticationDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationDefaults.Scheme, null);
        services.AddAuthorization();
        services.AddRateLimiter(AddTrackingLimit);

        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ChannelMappingStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<KnownSkuCache>();
        services.AddSingleton<RuleSectionReader>();
        services.AddSingleton<IOrderIntake, GrainOrderIntake>();
        services.AddHostedService<BootstrapAdminKeyService>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddHttpClient(OutboxDispatcher.HttpClientName);
        services.AddSingleton<DocumentRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<DocumentRetention>());
        return services;
    }

    public static WebApplication MapOrderActorsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapHealth();
        app.MapKeys();
        app.MapChannels();
        app.MapWebhooks();
        app.MapCarrierWebhooks();
        app.MapSubscriptions();
        app.MapEvents();
        app.MapOrders();
        app.MapCustomers();
        app.MapStock();
        app.MapRules();
        app.MapTracking();
        app.MapAdmin();
        app.MapReports();
        return app;
    }

    private static void AddTrackingLimit(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails = Problems.Create(StatusCodes.Status429TooManyRequests, "request.rate_limited", "Too many requests", "Slow down and try again later."),
            });
        };
        options.AddPolicy(TrackingRateLimitPolicy, httpContext =>
        {
            var settings = httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(
                httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.TrackingPermitLimit, Window = settings.TrackingWindow, QueueLimit = 0 });
        });
    }
}
