namespace OrderActors.Tests.Api;

/// <summary>A customer as the admin API shows it: its orders, spend, and its latest event.</summary>
internal sealed record CustomerSeen(IReadOnlyList<string> OrderIds, decimal TotalSpend, long LastVersion, string LastEventType);
