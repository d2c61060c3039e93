using OrderActors.Runtime;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Collection;

/// <summary>A journaled grain with a short <see cref="CollectionAgeLimitAttribute"/>, for the residency tests.</summary>
public interface IBriefGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);

    /// <summary>Adds with a pipelined append, asks to be deactivated, and returns once the event is durable.</summary>
    Task<int> AddPipelinedThenLeaveAsync(int amount);

    /// <summary>Asks the runtime to deactivate this activation once it is idle.</summary>
    Task LeaveAsync();

    Task<TallyView> GetAsync();

    /// <summary>Which activation of this grain (1, 2, ...) answered.</summary>
    Task<int> GetActivationNumberAsync();

    /// <summary>Holds the mailbox until the test opens the grain's gate (<c>PipelineGates</c>).</summary>
    Task BlockAsync();
}
