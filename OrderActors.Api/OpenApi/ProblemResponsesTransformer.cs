using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using OrderActors.Api.Auth;

namespace OrderActors.Api.OpenApi;

/// <summary>
/// Makes the OpenAPI document say what a client must send and may get back beyond the success answer: the
/// <c>X-Api-Key</c> header and the roles an operation takes, and the RFC 9457 problem answers (with the <c>code</c>
/// extension clients switch on) the API's one exception handler, authentication, body-size limit and rate limiter give.
/// Derived from each endpoint's own metadata (its authorization, parameters, body and method), so a new endpoint is
/// described without being listed here.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public const string SchemeName = ApiKeyAuthenticationDefaults.Scheme;

    public const string ProblemSchemaName = "Problem";

    public const string ProblemContentType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var path = "/" + (description.RelativePath ?? string.Empty).TrimStart('/');
        var method = description.HttpMethod ?? "GET";
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var authorized = !anonymous && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());
        var hasBody = operation.RequestBody is not null || metadata.OfType<IAcceptsMetadata>().Any();
        var hasParameters = operation.Parameters is { Count: > 0 };
        var isWebhook = path.StartsWith("/webhooks/", StringComparison.Ordinal);
        var isHealth = path.StartsWith("/health/", StringComparison.Ordinal);
        var problem = ProblemSchema.Reference(context.Document);
        var responses = operation.Responses ??= [];

        // A problem an endpoint declares itself (ProducesProblem) is described by the same schema as the others.
        foreach (var declared in responses.Values)
        {
            if (declared.Content?.TryGetValue(ProblemContentType, out var media) == true)
            {
                media.Schema = problem;
            }
        }

        if (authorized)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            Add(responses, "401", "No API key, or one that is unknown or revoked (`auth.*`).", problem);
            var roles = Roles(metadata);
            Add(responses, "403", roles.Count == 0 ? "The key's roles do not allow this." : $"The key has none of the roles this takes: {string.Join(", ", roles)}.", problem);
            if (roles.Count > 0)
            {
                operation.Description = Append(operation.Description, $"Roles: {string.Join(", ", roles)}.");
            }
        }
        else if (isWebhook)
        {
            Add(responses, "401", "The signature does not verify; nothing was stored.", problem);
        }

        if (!isHealth && (authorized || isWebhook) && (hasBody || hasParameters))
        {
            Add(responses, "400", "Bad input, named in `field` (and `errors`); nothing was changed.", problem);
        }

        if (!isHealth && path.Contains('{', StringComparison.Ordinal))
        {
            Add(responses, "404", "The resource named in the path is unknown.", problem);
        }

        if (authorized && !HttpMethods.IsGet(method) && (hasBody || hasParameters))
        {
            Add(responses, "409", "Refused by the resource's state or stock (the `code` says which rule); nothing was changed.", problem);
        }

        if (hasBody || isWebhook)
        {
            Add(responses, "413", "The body is larger than the API takes.", problem);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Add(responses, "429", "Too many requests from this address; try again later.", problem);
        }

        if (!isHealth)
        {
            Add(responses, "503", "Changed concurrently or timed out inside the service (`storage.conflict`, `grain.timeout`); retry after `Retry-After`.", problem);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The roles that pass every role rule on the endpoint: a group's rule (any role) and the endpoint's own (say
    /// warehouse) must both pass, so the roles that may call it are those in all of them.
    /// </summary>
    private static List<string> Roles(IList<object> metadata)
    {
        var rules = metadata.OfType<AuthorizationPolicy>()
            .SelectMany(policy => policy.Requirements.OfType<RolesAuthorizationRequirement>())
            .Select(requirement => requirement.AllowedRoles)
            .Concat(metadata.OfType<IAuthorizeData>()
                .Where(data => !string.IsNullOrWhiteSpace(data.Roles))
                .Select(data => data.Roles!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .ToList();
        if (rules.Count == 0)
        {
            return [];
        }

        var allowed = rules[0].Distinct(StringComparer.Ordinal).ToList();
        foreach (var rule in rules.Skip(1))
        {
            allowed.RemoveAll(role => !rule.Contains(role, StringComparer.Ordinal));
        }

        return allowed;
    }

    private static void Add(OpenApiResponses responses, string status, string description, IOpenApiSchema problem)
    {
        if (responses.ContainsKey(status))
        {
            return;
        }

        responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemContentType] = new() { Schema = problem } },
        };
    }

    private static string Append(string? text, string more) => string.IsNullOrEmpty(text) ? more : $"{text}\n\n{more}";
}
