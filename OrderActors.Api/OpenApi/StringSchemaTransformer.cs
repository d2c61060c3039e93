using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrderActors.Api.OpenApi;

/// <summary>
/// Gives text its <c>string</c> type back. The API reads every JSON string with its own converter (which refuses control characters,
/// <c>Errors/TextStringConverter.cs</c>), and a type with a custom converter is one the schema generator cannot
/// see into: every text property and every path and query parameter came out as <c>{}</c>, any JSON at all, so a client
/// generated from the document took <c>externalOrderNo</c> for an object, and the document could not say that
/// <c>"sku": 5</c> is wrong. A property annotated as nullable is <c>["null", "string"]</c>.
/// </summary>
internal sealed class StringSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = context.JsonPropertyInfo is { IsGetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }
}
