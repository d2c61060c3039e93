namespace OrderActors.Grains.Orders.Events;

/// <summary>Every order event says when it happened (the order's clock, not the database's).</summary>
public interface IOrderEvent
{
    DateTimeOffset At { get; }
}
