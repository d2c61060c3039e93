namespace OrderActors.Api.Errors;

/// <summary>
/// Amounts are in the currency's minor unit at most: cents (fen). Orders carry no currency field (every channel here sells
/// in yuan), so it is two decimal places for every amount; a currency without minor units (JPY) would need one.
/// </summary>
public static class Money
{
    public const int Decimals = 2;

    /// <summary>Whether <paramref name="amount"/> is a whole number of cents (<c>10.10</c> and <c>10.100</c> are, <c>10.001</c> is not).</summary>
    public static bool IsWholeCents(decimal amount) => amount == decimal.Round(amount, Decimals);

    /// <summary><paramref name="amount"/> rounded to the cent, half away from zero (as a shop rounds a price).</summary>
    public static decimal ToCents(decimal amount) => decimal.Round(amount, Decimals, MidpointRounding.AwayFromZero);
}
