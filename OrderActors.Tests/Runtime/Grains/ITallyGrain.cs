using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

public interface ITallyGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);

    Task<TallyView> GetAsync();

    /// <summary>Appends, catches a failure, and reports the in-memory total seen right after it.</summary>
    Task<AppendOutcome> AddAndObserveAsync(int amount);

    Task<AppendOutcome> AddPoisonedAsync(int amount);

    Task<AppendOutcome> AddUnnamedAsync(int amount);

    Task<int> GetActivationNumberAsync();

    /// <summary>Starts a second append before the first is awaited (a grain bug the journal must refuse).</summary>
    Task<AppendOutcome> AddTwiceWithoutAwaitingAsync(int first, int second);

    /// <summary>Asks the runtime to deactivate this activation after this call.</summary>
    Task LeaveAsync();
}

public sealed record TallyView(int Total, int Count, long Version);

public sealed record AppendOutcome(int TotalAfter, string? Error);
