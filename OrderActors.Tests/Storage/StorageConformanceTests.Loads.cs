using OrderActors.Runtime;

namespace OrderActors.Tests.Storage;

public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task LoadAsync_RepeatedWhileTheGrainGrows_SeesEveryCommitBeforeIt()
    {
        var grain = new GrainId("order", "grows");
        var versions = new List<long>();

        for (var n = 1; n <= 5; n++)
        {
            versions.Add((await Storage.LoadAsync(grain, CancellationToken.None)).Version);
            await Storage.AppendAsync(Append(grain, n - 1, Event("E", n)), CancellationToken.None);
        }

        var last = await Storage.LoadAsync(grain, CancellationToken.None);

        Assert.Equal([0L, 1L, 2L, 3L, 4L], versions);
        Assert.Equal(5, last.Version);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], last.Events.Select(e => e.Version));
    }

    [Fact]
    public async Task LoadAsync_ManyGrainsAtOnce_EachGetsItsOwnEvents()
    {
        var grains = Enumerable.Range(0, 40).Select(i => new GrainId("customer", $"c-{i}")).ToList();
        await Task.WhenAll(grains.Select((g, i) => Storage.AppendAsync(Append(g, 0, [.. Enumerable.Range(1, (i % 3) + 1).Select(n => Event($"E{i}", n))]), CancellationToken.None)));

        var loads = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => grains).Select(g => Task.Run(() => Storage.LoadAsync(g, CancellationToken.None))));

        Assert.All(loads.Select((load, j) => (load, i: j % grains.Count)), x =>
        {
            Assert.Equal((x.i % 3) + 1, x.load.Version);
            Assert.All(x.load.Events, e => Assert.Equal((grains[x.i], $"E{x.i}"), (e.GrainId, e.EventType)));
        });
    }
}
