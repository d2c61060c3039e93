namespace OrderActors.Api.Reports;

/// <summary>
/// The money of one order as its journal records it: <paramref name="Paid"/> is the amount its own payment confirmed
/// (not what orders merged into it brought); <paramref name="RefundedOnCancel"/> is what it held when it was cancelled
/// (its payment plus any merged in), 0 when it was never cancelled or nothing had been paid.
/// </summary>
internal readonly record struct OrderPayment(decimal Paid, decimal RefundedOnCancel);
