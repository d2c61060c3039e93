namespace OrderActors.Runtime.Core;

/// <summary>The first turn of every activation: construct the grain, load its journal, run OnActivateAsync.</summary>
internal sealed class ActivateItem : WorkItem
{
    public override Task Start(Activation activation) => activation.ActivateAsync();

    public override void Finish(Activation activation, Task turn) => activation.OnActivated(turn);

    public override void Fail(Exception exception)
    {
    }

    public override void Divert(GrainRuntime runtime)
    {
    }
}
