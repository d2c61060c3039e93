using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderActors.Client.Http;

/// <summary>The API's JSON conventions: camelCase, enums as strings, nulls left out of requests.</summary>
public static class ClientJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
