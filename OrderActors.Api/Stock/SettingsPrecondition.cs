using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OrderActors.Api.Errors;
using OrderActors.Grains;

namespace OrderActors.Api.Stock;

/// <summary>
/// The entity tag of a SKU's settings (<c>"3"</c>: the settings version, strong) and the <c>If-Match</c> of a change.
/// One tag is taken; <c>*</c> or no header asks for no check. A weak tag or one this API never sent cannot match
/// (RFC 9110 compares If-Match strongly): 412, nothing changed. A header that is not an entity tag is a 400.
/// </summary>
internal static class SettingsPrecondition
{
    public const string Header = "If-Match";

    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version the change is conditional on, or null for an unconditional change.</summary>
    public static int? Expected(HttpRequest request, string sku)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return null;
        }

        var texts = values.Select(v => v ?? string.Empty).ToList();
        if (string.Join(',', texts).Trim() == "*")
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(texts, out var tags) || tags.Count == 0)
        {
            throw Invalid("must be one entity tag as the ETag header gave it, such as \"3\"");
        }

        if (tags.Count > 1)
        {
            throw Invalid("give one entity tag: the ETag of the settings you read");
        }

        var tag = tags[0];
        var inner = tag.Tag.Value!.Trim('"');
        if (tag.IsWeak || !int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw DomainException.PreconditionFailed(
                "stock.settings_changed",
                $"If-Match {tag} is not a version of the settings of {sku}; nothing was changed. Read them again and send their ETag as it came.",
                Header);
        }

        return version;
    }

    private static RequestValidationException Invalid(string message) =>
        new("request.bad_header", new Dictionary<string, string[]> { [Header] = [message] });
}
