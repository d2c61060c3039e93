namespace OrderActors.Tests.Storage;

public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task TryPutDocumentAsync_CreateIfAbsentTwice_SecondReturnsNullAndKeepsFirst()
    {
        var created = await Storage.TryPutDocumentAsync("idempotency", "req-1", """{"order":"own-1"}""", 0, CancellationToken.None);

        var again = await Storage.TryPutDocumentAsync("idempotency", "req-1", """{"order":"own-2"}""", 0, CancellationToken.None);
        var stored = await Storage.GetDocumentAsync("idempotency", "req-1", CancellationToken.None);

        Assert.Equal(1, created);
        Assert.Null(again);
        Assert.NotNull(stored);
        Assert.Equal("""{"order":"own-1"}""", stored.Data);
        Assert.Equal(1, stored.Version);
        Assert.Equal(T0, stored.UpdatedAt);
    }

    [Fact]
    public async Task TryPutDocumentAsync_ExpectedVersion_UpdatesOnlyWhenCurrent()
    {
        await Storage.TryPutDocumentAsync("keys", "k", """{"v":1}""", 0, CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await Storage.TryPutDocumentAsync("keys", "k", """{"v":2}""", 1, CancellationToken.None);
        var stale = await Storage.TryPutDocumentAsync("keys", "k", """{"v":3}""", 1, CancellationToken.None);
        var absent = await Storage.TryPutDocumentAsync("keys", "missing", """{"v":1}""", 4, CancellationToken.None);
        var stored = await Storage.GetDocumentAsync("keys", "k", CancellationToken.None);

        Assert.Equal(2, updated);
        Assert.Null(stale);
        Assert.Null(absent);
        Assert.Equal("""{"v":2}""", stored?.Data);
        Assert.Equal(2, stored?.Version);
        Assert.Equal(T0.AddMinutes(5), stored?.UpdatedAt);
        Assert.Null(await Storage.GetDocumentAsync("keys", "missing", CancellationToken.None));
    }

    [Fact]
    public async Task ListDocumentsAsync_AfterKey_ReturnsCollectionInKeyOrder()
    {
        foreach (var key in new[] { "c", "a", "b", "d" })
        {
            await Storage.TryPutDocumentAsync("subs", key, $$"""{"key":"{{key}}"}""", 0, CancellationToken.None);
        }

        await Storage.TryPutDocumentAsync("other", "a0", "{}", 0, CancellationToken.None);

        var first = await Storage.ListDocumentsAsync("subs", null, 2, CancellationToken.None);
        var rest = await Storage.ListDocumentsAsync("subs", "b", 10, CancellationToken.None);

        Assert.Equal(["a", "b"], first.Select(d => d.Key));
        Assert.Equal(["c", "d"], rest.Select(d => d.Key));
        Assert.All(rest, d => Assert.Equal("subs", d.Collection));
        Assert.Equal("""{"key":"c"}""", rest[0].Data);
    }

    [Fact]
    public async Task DeleteDocumentAsync_Existing_RemovesItAndAllowsCreateAgain()
    {
        await Storage.TryPutDocumentAsync("keys", "gone", "{}", 0, CancellationToken.None);

        var deleted = await Storage.DeleteDocumentAsync("keys", "gone", CancellationToken.None);
        var deletedAgain = await Storage.DeleteDocumentAsync("keys", "gone", CancellationToken.None);
        var recreated = await Storage.TryPutDocumentAsync("keys", "gone", """{"new":true}""", 0, CancellationToken.None);

        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal(1, recreated);
    }

    [Fact]
    public async Task DeleteDocumentsWrittenBeforeAsync_RemovesOnlyOlderDocumentsOfThatCollection_UpToTheCount()
    {
        foreach (var key in new[] { "old-1", "old-2", "old-3" })
        {
            await Storage.TryPutDocumentAsync("deliveries", key, "{}", 0, CancellationToken.None);
        }

        await Storage.TryPutDocumentAsync("other", "old-elsewhere", "{}", 0, CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(10));
        await Storage.TryPutDocumentAsync("deliveries", "young", "{}", 0, CancellationToken.None);
        // Rewritten now: its last write is young, so it stays although it was created with the old ones.
        await Storage.TryPutDocumentAsync("deliveries", "old-3", """{"again":true}""", 1, CancellationToken.None);
        var cutoff = T0.AddMinutes(5);

        var first = await Storage.DeleteDocumentsWrittenBeforeAsync("deliveries", cutoff, 1, CancellationToken.None);
        var second = await Storage.DeleteDocumentsWrittenBeforeAsync("deliveries", cutoff, 10, CancellationToken.None);
        var third = await Storage.DeleteDocumentsWrittenBeforeAsync("deliveries", cutoff, 10, CancellationToken.None);
        var none = await Storage.DeleteDocumentsWrittenBeforeAsync("no-such-collection", cutoff, 10, CancellationToken.None);

        Assert.Equal((1, 1, 0, 0), (first, second, third, none));
        Assert.Equal(["old-3", "young"], (await Storage.ListDocumentsAsync("deliveries", null, 10, CancellationToken.None)).Select(d => d.Key));
        Assert.Equal(["old-elsewhere"], (await Storage.ListDocumentsAsync("other", null, 10, CancellationToken.None)).Select(d => d.Key));
    }

    [Fact]
    public async Task DeleteDocumentsWrittenBeforeAsync_DocumentWrittenAtTheCutoff_Stays()
    {
        await Storage.TryPutDocumentAsync("keys", "at-cutoff", "{}", 0, CancellationToken.None);

        var removed = await Storage.DeleteDocumentsWrittenBeforeAsync("keys", T0, 10, CancellationToken.None);

        Assert.Equal(0, removed);
        Assert.NotNull(await Storage.GetDocumentAsync("keys", "at-cutoff", CancellationToken.None));
    }
}
