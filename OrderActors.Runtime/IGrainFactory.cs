namespace OrderActors.Runtime;

/// <summary>Hands out references to grains. A reference is cheap; calling it activates the grain if needed.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with the given key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}
