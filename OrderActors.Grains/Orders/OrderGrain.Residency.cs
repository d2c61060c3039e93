using OrderActors.Runtime;

namespace OrderActors.Grains.Orders;

/// <summary>
/// How long an order stays in memory. An idle order is collected after two minutes (an unpaid order waiting for its
/// hold does not need to be resident: the durable reminder reactivates it), and an order that reached a final status
/// leaves as soon as its call ends, as does a checkout refused before anything was written (a flash sale's sold-out
/// attempts would otherwise keep an empty activation each for two minutes); either way the next call reloads it from
/// storage.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class OrderGrain
{
    /// <summary>Asks the runtime to deactivate this order once idle if nothing more is expected to happen to it soon.</summary>
    private void LeaveMemoryWhenFinal()
    {
        if (State.Status.IsFinal())
        {
            DeactivateOnIdle();
        }
    }
}
