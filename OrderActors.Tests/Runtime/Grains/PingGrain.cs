using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

public sealed class PingGrain(TestProbe probe) : Grain, IPingGrain
{
    public Task<string> PingBackViaAsync(string otherKey) =>
        GrainFactory.GetGrain<IPingGrain>(otherKey).CallBackAsync(GetPrimaryKeyString());

    public Task<string> CallBackAsync(string originKey) => GrainFactory.GetGrain<IPingGrain>(originKey).EchoAsync();

    public Task<string> ForwardAsync(string otherKey) => GrainFactory.GetGrain<IPingGrain>(otherKey).EchoAsync();

    public Task<string> CallSelfAsync() => GrainFactory.GetGrain<IPingGrain>(GetPrimaryKeyString()).EchoAsync();

    public Task<string> EchoAsync() => Task.FromResult($"echo from {GetPrimaryKeyString()}");

    public async Task<string> MeetThenEchoAsync(string otherKey, string meeting, int parties)
    {
        await probe.MeetAsync(meeting, parties);
        return await GrainFactory.GetGrain<IPingGrain>(otherKey).EchoAsync();
    }

    public Task WaitForGateAsync() => probe.Gate.Task;
}
