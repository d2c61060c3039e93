using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Storage;

public abstract partial class StorageConformanceTests
{
    private async Task IndexOrderAsync(string key, string status, string channel, DateTimeOffset placedAt, decimal amount)
    {
        var request = Append(new GrainId("order", key), 0, Event("Placed", 1)) with
        {
            Index =
            [
                new IndexEntry("status", status),
                new IndexEntry("channel", channel),
                new IndexEntry("placedAt", IndexValues.Time(placedAt)),
                new IndexEntry("amount", IndexValues.Number(amount)),
            ],
        };
        await Storage.AppendAsync(request, CancellationToken.None);
    }

    private async Task SeedOrdersAsync()
    {
        await IndexOrderAsync("o-01", "Paid", "taobao", T0, 120m);
        await IndexOrderAsync("o-02", "Paid", "jd", T0.AddHours(1), 80m);
        await IndexOrderAsync("o-03", "PendingPayment", "taobao", T0.AddHours(2), 1500m);
        await IndexOrderAsync("o-04", "Paid", "taobao", T0.AddHours(3), 9.5m);
        await IndexOrderAsync("o-05", "Shipped", "shopify", T0.AddHours(4), 300m);
        await Storage.AppendAsync(
            Append(new GrainId("sku", "o-01"), 0, Event("Received", 1)) with { Index = [new IndexEntry("status", "Paid")] },
            CancellationToken.None);
    }

    private Task<IReadOnlyList<IndexedGrain>> QueryAsync(params IndexFilter[] filters) =>
        Storage.QueryIndexAsync(new IndexQuery("order", filters), CancellationToken.None);

    [Fact]
    public async Task QueryIndexAsync_EqualFilter_ReturnsMatchingGrainsOfThatTypeWithAllEntries()
    {
        await SeedOrdersAsync();

        var paid = await QueryAsync(new IndexFilter("status", IndexOperator.Equal, "Paid"));

        Assert.Equal(["o-01", "o-02", "o-04"], paid.Select(g => g.GrainKey));
        Assert.Equal("taobao", paid[0].Entries["channel"]);
        Assert.Equal(IndexValues.Number(120m), paid[0].Entries["amount"]);
        Assert.Equal(4, paid[0].Entries.Count);
    }

    [Fact]
    public async Task QueryIndexAsync_RangeFilters_CompareTimesAndNumbersInValueOrder()
    {
        await SeedOrdersAsync();

        var fromSecondHour = await QueryAsync(new IndexFilter("placedAt", IndexOperator.GreaterOrEqual, IndexValues.Time(T0.AddHours(2))));
        var beforeSecondHour = await QueryAsync(new IndexFilter("placedAt", IndexOperator.Less, IndexValues.Time(T0.AddHours(2))));
        var under100 = await QueryAsync(new IndexFilter("amount", IndexOperator.Less, IndexValues.Number(100m)));

        Assert.Equal(["o-03", "o-04", "o-05"], fromSecondHour.Select(g => g.GrainKey));
        Assert.Equal(["o-01", "o-02"], beforeSecondHour.Select(g => g.GrainKey));
        Assert.Equal(["o-02", "o-04"], under100.Select(g => g.GrainKey));
    }

    [Fact]
    public async Task QueryIndexAsync_SeveralFilters_ReturnsGrainsMatchingAll()
    {
        await SeedOrdersAsync();

        var result = await QueryAsync(
            new IndexFilter("status", IndexOperator.Equal, "Paid"),
            new IndexFilter("channel", IndexOperator.Equal, "taobao"),
            new IndexFilter("placedAt", IndexOperator.GreaterOrEqual, IndexValues.Time(T0.AddMinutes(30))));
        var none = await QueryAsync(
            new IndexFilter("status", IndexOperator.Equal, "Shipped"),
            new IndexFilter("channel", IndexOperator.Equal, "taobao"));

        Assert.Equal(["o-04"], result.Select(g => g.GrainKey));
        Assert.Empty(none);
    }

    [Fact]
    public async Task QueryIndexAsync_KeysetPaging_ReturnsEveryGrainOnceInKeyOrder()
    {
        await SeedOrdersAsync();
        var seen = new List<string>();
        string? after = null;

        while (true)
        {
            var page = await Storage.QueryIndexAsync(new IndexQuery("order", []) { AfterKey = after, Limit = 2 }, CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 2);
            seen.AddRange(page.Select(g => g.GrainKey));
            after = page[^1].GrainKey;
        }

        var filteredPage = await Storage.QueryIndexAsync(
            new IndexQuery("order", [new IndexFilter("status", IndexOperator.Equal, "Paid")]) { AfterKey = "o-01", Limit = 1 },
            CancellationToken.None);

        Assert.Equal(["o-01", "o-02", "o-03", "o-04", "o-05"], seen);
        Assert.Equal(["o-02"], filteredPage.Select(g => g.GrainKey));
    }

    [Fact]
    public async Task AppendAsync_WithIndex_ReplacesAllPreviousEntries()
    {
        var grain = new GrainId("order", "o-99");
        await Storage.AppendAsync(
            Append(grain, 0, Event("Placed", 1)) with { Index = [new IndexEntry("status", "Paid"), new IndexEntry("hold:address_missing", "1")] },
            CancellationToken.None);

        await Storage.AppendAsync(Append(grain, 1, Event("Noted", 2)), CancellationToken.None);
        var untouched = await QueryAsync(new IndexFilter("hold:address_missing", IndexOperator.Equal, "1"));
        await Storage.AppendAsync(Append(grain, 2, Event("Shipped", 3)) with { Index = [new IndexEntry("status", "Shipped")] }, CancellationToken.None);
        var shipped = await QueryAsync(new IndexFilter("status", IndexOperator.Equal, "Shipped"));
        var held = await QueryAsync(new IndexFilter("hold:address_missing", IndexOperator.Equal, "1"));
        await Storage.AppendAsync(Append(grain, 3, Event("Archived", 4)) with { Index = [] }, CancellationToken.None);
        var all = await QueryAsync();

        Assert.Equal(["o-99"], untouched.Select(g => g.GrainKey));
        Assert.Equal(["o-99"], shipped.Select(g => g.GrainKey));
        Assert.Single(shipped[0].Entries);
        Assert.Empty(held);
        Assert.Empty(all);
    }

    [Fact]
    public async Task AppendAsync_ManyGrainsReplacingTheirIndexAtOnce_EachKeepsOnlyItsOwnNewEntries()
    {
        // Forty grains and a stale one commit together: each grain drops its hold entry, changes its status and adds an
        // amount; even grains keep their channel, odd ones drop it; grain 7 replaces its index again in a second
        // queued append. A provider that writes a whole batch in one statement must keep every grain's entries apart.
        var grains = Enumerable.Range(0, 40).Select(i => new GrainId("order", $"ix-{i:D2}")).ToList();
        var stale = new GrainId("order", "ix-stale");
        foreach (var grain in grains.Append(stale))
        {
            await Storage.AppendAsync(
                Append(grain, 0, Event("Placed", 1)) with
                {
                    Index = [new IndexEntry("status", "PendingPayment"), new IndexEntry("channel", "taobao"), new IndexEntry($"hold:{grain.Key}", "1")],
                },
                CancellationToken.None);
        }

        var appends = grains.Select((g, i) => Storage.AppendAsync(
            Append(g, 1, Event("Paid", 2)) with { Index = PaidIndex(i, g) },
            CancellationToken.None)).ToList();
        var second = Storage.AppendAsync(
            Append(grains[7], 2, Event("Shipped", 3)) with { Index = [new IndexEntry("status", "Shipped"), new IndexEntry("amount", grains[7].Key)] },
            CancellationToken.None);
        var staleAppend = Storage.AppendAsync(
            Append(stale, 0, Event("Paid", 2)) with { Index = [new IndexEntry("status", "Paid")] },
            CancellationToken.None);
        await Task.WhenAll(appends);
        await second;
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleAppend);
        var all = (await Storage.QueryIndexAsync(new IndexQuery("order", []) { Limit = 100 }, CancellationToken.None)).ToDictionary(g => g.GrainKey);

        Assert.Equal(41, all.Count);
        for (var i = 0; i < grains.Count; i++)
        {
            var expected = i == 7 ? [new IndexEntry("status", "Shipped"), new IndexEntry("amount", grains[i].Key)] : PaidIndex(i, grains[i]);
            Assert.Equal(expected.ToDictionary(e => e.Name, e => e.Value).OrderBy(e => e.Key), all[grains[i].Key].Entries.OrderBy(e => e.Key));
        }

        Assert.Equal(
            new Dictionary<string, string> { ["status"] = "PendingPayment", ["channel"] = "taobao", ["hold:ix-stale"] = "1" }.OrderBy(e => e.Key),
            all[stale.Key].Entries.OrderBy(e => e.Key));

        static IndexEntry[] PaidIndex(int i, GrainId grain) => i % 2 == 0
            ? [new IndexEntry("status", "Paid"), new IndexEntry("channel", "taobao"), new IndexEntry("amount", grain.Key)]
            : [new IndexEntry("status", "Paid"), new IndexEntry("amount", grain.Key)];
    }

    [Fact]
    public async Task ReadFeedAsync_AfterPosition_ReturnsEventsOfAllGrainsInPositionOrder()
    {
        var a = new GrainId("order", "a");
        var b = new GrainId("sku", "b");
        await Storage.AppendAsync(Append(a, 0, Event("A1", 1)), CancellationToken.None);
        await Storage.AppendAsync(Append(b, 0, Event("B1", 2), Event("B2", 3)), CancellationToken.None);
        await Storage.AppendAsync(Append(a, 1, Event("A2", 4)), CancellationToken.None);

        var all = await Storage.ReadFeedAsync(0, 100, CancellationToken.None);
        var afterFirst = await Storage.ReadFeedAsync(all[0].Position, 2, CancellationToken.None);
        var afterLast = await Storage.ReadFeedAsync(all[^1].Position, 100, CancellationToken.None);

        Assert.Equal(["A1", "B1", "B2", "A2"], all.Select(e => e.EventType));
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
        Assert.Equal(["B1", "B2"], afterFirst.Select(e => e.EventType));
        Assert.Equal(b, afterFirst[0].GrainId);
        Assert.Empty(afterLast);
    }

    [Fact]
    public async Task ReadFeedAsync_FilteredByType_ReturnsOnlyThoseAndTheLastPositionIsTheCursor()
    {
        var a = new GrainId("order", "a");
        var b = new GrainId("sku", "b");
        await Storage.AppendAsync(Append(a, 0, Event("Placed", 1), Event("Noted", 2)), CancellationToken.None);
        await Storage.AppendAsync(Append(b, 0, Event("Noted", 3), Event("Cancelled", 4)), CancellationToken.None);
        await Storage.AppendAsync(Append(a, 2, Event("Noted", 5), Event("Cancelled", 6)), CancellationToken.None);
        string[] wanted = ["Placed", "Cancelled"];

        var firstTwo = await Storage.ReadFeedAsync(0, 2, wanted, CancellationToken.None);
        var rest = await Storage.ReadFeedAsync(firstTwo[^1].Position, 10, wanted, CancellationToken.None);
        var unfiltered = await Storage.ReadFeedAsync(0, 10, [], CancellationToken.None);
        var unknown = await Storage.ReadFeedAsync(0, 10, ["Nothing"], CancellationToken.None);

        Assert.Equal(["Placed", "Cancelled"], firstTwo.Select(e => e.EventType));
        Assert.Equal([a, b], firstTwo.Select(e => e.GrainId));
        Assert.Equal("""{"n":4,"text":"event 4"}""", firstTwo[1].Data);
        Assert.Equal([("Cancelled", a)], rest.Select(e => (e.EventType, e.GrainId)));
        Assert.Equal(6, unfiltered.Count);
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task GetFeedHeadAsync_EmptyThenAfterAppends_IsZeroThenTheLastPosition()
    {
        var a = new GrainId("order", "a");
        var empty = await Storage.GetFeedHeadAsync(CancellationToken.None);
        await Storage.AppendAsync(Append(a, 0, Event("A1", 1), Event("A2", 2)), CancellationToken.None);
        await Storage.AppendAsync(Append(a, 2, Event("A3", 3)), CancellationToken.None);

        var head = await Storage.GetFeedHeadAsync(CancellationToken.None);

        var all = await Storage.ReadFeedAsync(0, 100, CancellationToken.None);
        Assert.Equal(0, empty);
        Assert.Equal(all[^1].Position, head);
        Assert.Empty(await Storage.ReadFeedAsync(head, 100, CancellationToken.None));
    }
}
