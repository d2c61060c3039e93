using System.Collections.Concurrent;
using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Storage;

public sealed class ETagsTests
{
    [Fact]
    public void New_FromManyThreadsAtOnce_NeverRepeatsATag()
    {
        var tags = new ConcurrentBag<string>();

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                tags.Add(ETags.New());
            }
        });

        Assert.Equal(80_000, tags.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tags, tag => Assert.Equal(28, tag.Length));
    }
}
