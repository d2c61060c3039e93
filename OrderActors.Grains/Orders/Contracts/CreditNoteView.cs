namespace OrderActors.Grains.Orders;

/// <summary>The finance credit note recorded when a return is received.</summary>
public sealed record CreditNoteView(string Number, decimal Amount, DateTimeOffset IssuedAt);
