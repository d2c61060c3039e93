namespace OrderActors.Client.Contracts;

/// <summary>The answer to a verified webhook: which order it landed on and whether it was a repeat that changed nothing.</summary>
public sealed record WebhookAccepted(string OrderId, bool Duplicate);
