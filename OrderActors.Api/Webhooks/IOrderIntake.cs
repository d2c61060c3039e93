using OrderActors.Api.Channels;

namespace OrderActors.Api.Webhooks;

/// <summary>Hands a mapped channel order to the order grain (the only place webhooks touch the domain).</summary>
public interface IOrderIntake
{
    /// <summary>Places or updates the order <c>{channel}-{external no}</c>; <see cref="IntakeResult.Changed"/> is false for a repeat.</summary>
    Task<IntakeResult> AcceptAsync(MappedOrder order, string actor, CancellationToken cancellationToken);
}
