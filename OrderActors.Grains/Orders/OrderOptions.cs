using System.Globalization;

namespace OrderActors.Grains.Orders;

/// <summary>Order settings, bound from <c>OrderActors:Orders</c>; code defaults below.</summary>
public sealed class OrderOptions
{
    public const string SectionName = "OrderActors:Orders";

    /// <summary>
    /// The refusal of a <see cref="PaymentHold"/> given as a bare number: .NET reads <c>10</c> as ten days, and a seller
    /// who writes 10 for a hold means ten minutes.
    /// </summary>
    public const string BareNumberHold =
        "OrderActors:Orders:PaymentHold is a number without a unit, which would be read as days (10 = ten days); write it as a TimeSpan: 00:30:00 for thirty minutes, 1.00:00:00 for a day.";

    /// <summary>How long an unpaid order holds its stock before it is cancelled.</summary>
    public TimeSpan PaymentHold { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Whether a configured text is a number with no unit (<c>10</c>, <c>1.5</c>), as the API's <c>Durations</c> refuses one.</summary>
    public static bool IsBareNumber(string? text) =>
        !string.IsNullOrWhiteSpace(text) && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
