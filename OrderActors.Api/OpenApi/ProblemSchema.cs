using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OrderActors.Api.Auth;

namespace OrderActors.Api.OpenApi;

/// <summary>
/// The document-wide parts the operations refer to: the <c>X-Api-Key</c> security scheme and one problem schema, the
/// shape every error answer of the API has (RFC 9457 members plus <c>code</c>, <c>field</c>, <c>errors</c> and
/// <c>traceId</c>, see <c>Errors/Problems.cs</c>).
/// </summary>
internal sealed class ProblemSchema : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ProblemResponsesTransformer.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationDefaults.HeaderName,
            Description = "An API key (POST /api/keys, or the bootstrap admin key the silo prints at its first start). Its roles decide what it may do and see.",
        };
        Ensure(document);
        return Task.CompletedTask;
    }

    /// <summary>A reference to the problem schema, added to the document the first time it is asked for.</summary>
    public static IOpenApiSchema Reference(OpenApiDocument? document)
    {
        if (document is not null)
        {
            Ensure(document);
        }

        return new OpenApiSchemaReference(ProblemResponsesTransformer.ProblemSchemaName, document);
    }

    private static void Ensure(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (document.Components.Schemas.ContainsKey(ProblemResponsesTransformer.ProblemSchemaName))
        {
            return;
        }

        document.Components.Schemas[ProblemResponsesTransformer.ProblemSchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An error answer (RFC 9457). Switch on `code`; `field` names the input that is wrong.",
            Required = new HashSet<string> { "type", "title", "status", "code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI naming the kind of problem, one per code."),
                ["title"] = Text("A short, fixed summary of the kind of problem."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = Text("What went wrong with this request, and what to do."),
                ["instance"] = Text("The request path."),
                ["code"] = Text("A stable machine-readable code, e.g. `validation.required`, `stock.insufficient`, `order.invalid_transition`."),
                ["field"] = Text("The request field (or parameter) that is wrong, for 400 answers."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "For 400 answers: each wrong field with its messages.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["traceId"] = Text("The request's trace id, for the service's logs."),
            },
        };
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
