using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OrderActors.Grains;

namespace OrderActors.Api.Errors;

/// <summary>
/// The entity tag of a versioned resource (<c>"3"</c>: its version, strong) and the <c>If-Match</c> of a change to it: a
/// SKU's settings, a rule section. One tag is taken; <c>*</c> or no header asks for no check. A weak tag or one this API
/// never sent cannot match (RFC 9110 compares If-Match strongly): 412 with the resource's own code, nothing changed. A
/// header that is not an entity tag is a 400.
/// </summary>
internal static class VersionPrecondition
{
    public const string Header = "If-Match";

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version the change is conditional on, or null for an unconditional change. <paramref name="code"/> is the
    /// resource's 412 code (the one its grain throws when the version moved on); <paramref name="subject"/> names the
    /// resource in the message (<c>the settings of SKU-1</c>).
    /// </summary>
    public static T? Expected<T>(HttpRequest request, string code, string subject)
        where T : struct, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(request);
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
            throw Invalid($"give one entity tag: the ETag of {subject} as you read them");
        }

        var tag = tags[0];
        var inner = tag.Tag.Value!.Trim('"');
        if (tag.IsWeak || !T.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw DomainException.PreconditionFailed(
                code,
                $"If-Match {tag} is not a version of {subject}; nothing was changed. Read them again and send their ETag as it came.",
                Header);
        }

        return version;
    }

    private static RequestValidationException Invalid(string message) =>
        new("request.bad_header", new Dictionary<string, string[]> { [Header] = [message] });
}
