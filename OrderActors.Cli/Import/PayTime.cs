using System.Globalization;
using OrderActors.Client.Contracts;

namespace OrderActors.Cli.Import;

/// <summary>
/// A CSV's pay time in the unit the channel's mapping reads (<see cref="FieldMapping.Format"/>). Exports give text
/// (<c>2026-11-20 10:00:00</c>, China time); a channel whose mapping reads Unix milliseconds refused every imported paid
/// order until the import wrote the time as the platform does.
/// </summary>
internal static class PayTime
{
    /// <summary>
    /// <paramref name="value"/> as Unix seconds or milliseconds when the mapping says so, read as the service reads text
    /// times (<c>yyyy-MM-dd HH:mm:ss</c> in UTC+8, else ISO 8601); anything else as it is, for the service to refuse
    /// naming the field.
    /// </summary>
    public static string InUnitOf(FieldMapping field, string value)
    {
        if (field.Format is not (TimeFormats.UnixSeconds or TimeFormats.UnixMilliseconds)
            || long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        if (!TimeFormats.TryReadText(value, out var time, out _))
        {
            return value;
        }

        var unix = field.Format == TimeFormats.UnixSeconds ? time.ToUnixTimeSeconds() : time.ToUnixTimeMilliseconds();
        return unix.ToString(CultureInfo.InvariantCulture);
    }
}
