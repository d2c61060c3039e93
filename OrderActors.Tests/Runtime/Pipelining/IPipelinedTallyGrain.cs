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

    /// <summary>Pipelines an event the state rejects (the append throws in the call's synchronous part).</summary>
    Task<int> AddPoisonedAsync(int amount);

    /// <summary>Pipelines an event the state rejects, catches that, then reads the state: the total read, or the message of what made the read fail.</summary>
    Task<string?> AddPoisonedThenReadAsync(int amount);

    /// <summary>Appends an event the state rejects with a regular append, catches that, and reports the total seen right after.</summary>
    Task<AppendOutcome> AddPoisonedInTurnAsync(int amount);

    /// <summary>Which activation of this grain answers (1 for the first).</summary>
    Task<int> GetActivationNumberAsync();
}
