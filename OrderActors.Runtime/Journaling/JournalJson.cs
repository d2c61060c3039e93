using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderActors.Runtime.Journaling;

/// <summary>The JSON settings journals use for events and snapshots: web defaults (camelCase) with enums as strings.</summary>
public static class JournalJson
{
    /// <summary>The shared, read-only serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
