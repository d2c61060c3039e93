using OrderActors.Runtime;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Pipelining;

public interface IPipelinedTallyGrain : IGrainWithStringKey
{
    /// <summary>Adds with a pipelined append; returns the total right after its own event.</summary>
    Task<int> AddAsync(int amount);

    /// <summary>Adds with a regular append (keeps the turn until durable).</summary>
    Task<int> AddInTurnAsync(int amount);

    Task<TallyView> GetAsync();

    /// <summary>Holds the mailbox until the test opens the grain's gate.</summary>
    Task BlockAsync();
}
