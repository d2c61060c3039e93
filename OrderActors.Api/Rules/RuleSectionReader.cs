using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrderActors.Api.Errors;

namespace OrderActors.Api.Rules;

/// <summary>
/// Reads a rule section from a request body with the API's JSON settings, except that a property the section does not
/// have is refused (400 naming it) rather than skipped. A section is replaced whole and what it leaves out takes its
/// default, so a misspelt check (<c>blacklist</c> for <c>blacklisted</c>) was answered 200 and put the check back to
/// its default, with the operator's list gone and nothing said. The options are made once: each instance has its own
/// metadata cache.
/// </summary>
public sealed class RuleSectionReader(IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = new(json.Value.SerializerOptions)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new RuleDurationConverter() },
    };

    public T Read<T>(JsonElement body)
        where T : class
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException("request.invalid", new Dictionary<string, string[]> { ["body"] = ["must be a JSON object"] });
        }

        // JsonException (wrong type, unknown property) carries the path and becomes a 400 naming the field.
        return body.Deserialize<T>(_options) ?? throw new RequestValidationException("request.invalid", new Dictionary<string, string[]> { ["body"] = ["is required"] });
    }
}
