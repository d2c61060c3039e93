namespace OrderActors.Api;

/// <summary>Grain keys taken from a route segment.</summary>
public static class RouteKeys
{
    /// <summary>
    /// ASP.NET Core decodes every escape of a route value except <c>%2F</c>, which it leaves as it came so that a
    /// segment cannot split in two. A SKU such as <c>TSHIRT/RED</c> is sent as <c>TSHIRT%2FRED</c> (the CLI and any
    /// HTTP client escape it so), and without this it reached another grain than the orders' <c>TSHIRT/RED</c>.
    /// </summary>
    public static string Decode(string segment) =>
        segment.Contains('%', StringComparison.Ordinal) ? segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : segment;
}
