namespace OrderActors.Client.Contracts;

/// <summary>One channel's line of the daily reconciliation.</summary>
public sealed record ReconciliationRowDto(string Channel, int Orders, int PaidOrders, decimal PaidAmount, int Refunds, decimal RefundAmount, int CreditNotes, decimal Net);
