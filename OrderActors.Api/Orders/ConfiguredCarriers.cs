using Microsoft.Extensions.Configuration;
using OrderActors.Api.Errors;
using OrderActors.Grains.Orders;

namespace OrderActors.Api.Orders;

/// <summary>
/// The carriers an order may ship with: the sections under <c>OrderActors:Carriers</c> (<c>"sf": {"Secret": "…"}</c>, or
/// <c>"zto": {}</c> for one whose callbacks are not set up). A shipment names one of them, compared as
/// <see cref="CarrierNames.Same"/> does, and is stored in its configured spelling, so the carrier's callbacks match it.
/// With no carrier configured (a fresh install), any carrier name is taken as given.
/// </summary>
public static class ConfiguredCarriers
{
    private const string Section = "OrderActors:Carriers";

    /// <summary>
    /// The configured carriers' names as configured. A section reads as no value or an empty one (the test host's settings
    /// give ""); the <c>//</c> comment, a text, is not a carrier.
    /// </summary>
    public static IReadOnlyList<string> Names(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.GetSection(Section).GetChildren().Where(c => string.IsNullOrEmpty(c.Value)).Select(c => c.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// <paramref name="carrier"/> (already checked as a code) in its configured spelling, or a 400 naming
    /// <paramref name="field"/> and listing the configured carriers. Before, the ship request took any text: "SF", "sf" and
    /// "SF-Express" were three carriers, and a typo left an order no carrier's callback could ever match.
    /// </summary>
    public static string Resolve(IConfiguration configuration, string carrier, string field)
    {
        var known = Names(configuration);
        if (known.Count == 0)
        {
            return carrier.Trim();
        }

        var configured = known.FirstOrDefault(k => CarrierNames.Same(k, carrier));
        if (configured is not null)
        {
            return configured;
        }

        var validator = new Validator();
        validator.Add(field, $"'{carrier.Trim()}' is not a configured carrier; the carriers are {string.Join(", ", known)} (OrderActors:Carriers)");
        validator.ThrowIfInvalid();
        return carrier;
    }
}
