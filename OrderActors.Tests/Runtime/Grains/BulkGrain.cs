using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Tests.Runtime.Grains;

/// <summary>A grain whose state grows by the text of every event: for large-snapshot behaviour.</summary>
public interface IBulkGrain : IGrainWithStringKey
{
    /// <summary>Appends one event carrying <paramref name="text"/>; returns the journal's version after it.</summary>
    Task<long> AddAsync(string text);
}

[JournalEvent("test.bulk.added")]
public sealed record BulkAdded(string Text);

public sealed class BulkState : IJournaledState
{
    public List<string> Items { get; set; } = [];

    public void Apply(object @event) => Items.Add(((BulkAdded)@event).Text);
}

[GrainType("bulk")]
public sealed class BulkGrain(IJournal<BulkState> journal) : Grain, IBulkGrain
{
    public async Task<long> AddAsync(string text)
    {
        await journal.AppendAsync(new BulkAdded(text), "test");
        return journal.Version;
    }
}
