namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/subscriptions</c>: deliver the change-feed events whose type matches one of <see cref="Events"/> (exact, a prefix ending in <c>*</c>, or <c>*</c>) to <see cref="Url"/>, signed with <see cref="Secret"/>.</summary>
public sealed record CreateSubscriptionRequest(string? Url, IReadOnlyList<string>? Events, string? Secret);
