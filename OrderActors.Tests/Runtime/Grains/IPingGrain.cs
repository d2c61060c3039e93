using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="otherKey"/>, which calls back this grain (a cycle).</summary>
    Task<string> PingBackViaAsync(string otherKey);

    /// <summary>Calls <paramref name="originKey"/>'s echo.</summary>
    Task<string> CallBackAsync(string originKey);

    /// <summary>Calls <paramref name="otherKey"/>'s echo (no cycle).</summary>
    Task<string> ForwardAsync(string otherKey);

    Task<string> CallSelfAsync();

    Task<string> EchoAsync();

    /// <summary>Waits inside its turn until <paramref name="parties"/> turns have arrived (<see cref="TestProbe.MeetAsync"/>), then calls <paramref name="otherKey"/>'s echo.</summary>
    Task<string> MeetThenEchoAsync(string otherKey, string meeting, int parties);

    /// <summary>Waits on the probe's gate.</summary>
    Task WaitForGateAsync();
}
