namespace OrderActors.Grains.Orders;

/// <summary>
/// Shares a payment among the parts of a split order in proportion to their amounts, to the cent, so that the shares
/// add up to the payment exactly (a report adding up the parts finds the payment, not a cent less).
/// </summary>
public static class PaymentShares
{
    /// <summary>
    /// One share per amount. Each is <c>paid × (amount / total)</c> cut to the cent: the ratio is at most 1, so no step
    /// exceeds the payment, where <c>paid × amount</c> passed decimal's range for the largest orders (2·10^15 × 5·10^13).
    /// The cents the cuts leave go one each to the parts with the largest remainders (the earlier part on a tie); what is
    /// left below a cent (a payment with more digits) or a cent too many (the ratio's last digit) goes to the largest share.
    /// With nothing to share by (amounts adding up to 0), the first part takes the payment.
    /// </summary>
    public static decimal[] Split(decimal paid, IReadOnlyList<decimal> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var shares = new decimal[amounts.Count];
        if (shares.Length == 0)
        {
            return shares;
        }

        var total = 0m;
        foreach (var amount in amounts)
        {
            total += amount;
        }

        if (total <= 0)
        {
            shares[0] = paid;
            return shares;
        }

        var remainders = new decimal[shares.Length];
        var given = 0m;
        for (var i = 0; i < shares.Length; i++)
        {
            var exact = paid * (amounts[i] / total);
            shares[i] = decimal.Floor(exact * 100) / 100;
            remainders[i] = exact - shares[i];
            given += shares[i];
        }

        var cents = (int)Math.Min(shares.Length, Math.Max(0m, decimal.Floor((paid - given) * 100)));
        foreach (var i in Enumerable.Range(0, shares.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(cents))
        {
            shares[i] += 0.01m;
        }

        var rest = paid - shares.Sum();
        if (rest != 0)
        {
            var largest = 0;
            for (var i = 1; i < shares.Length; i++)
            {
                if (shares[i] > shares[largest])
                {
                    largest = i;
                }
            }

            shares[largest] += rest;
        }

        return shares;
    }
}
