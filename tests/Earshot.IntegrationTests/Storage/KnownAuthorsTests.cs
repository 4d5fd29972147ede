using Earshot.Storage.Ingest;

namespace Earshot.IntegrationTests.Storage;

public sealed class KnownAuthorsTests
{
    private static readonly Guid Ann = Guid.CreateVersion7(), Bob = Guid.CreateVersion7();

    [Fact]
    public void ACommittedUpsert_IsKnown_WithItsDetails()
    {
        var known = new KnownAuthors();

        known.Commit([new WrittenAuthor(Ann, Seen: null, Details: 10)]);
        known.Commit([new WrittenAuthor(Ann, Seen: 10, Details: 12)]);

        Assert.True(known.TryGet(Ann, out var details));
        Assert.Equal(12, details);
        Assert.False(known.TryGet(Bob, out _));
    }

    [Theory]
    [InlineData(null)] // another writer committed the author first
    [InlineData(11L)] // another writer committed other details since this one looked
    public void AnEntryChangedSinceTheWriterLooked_IsForgotten(long? seen)
    {
        var known = new KnownAuthors();
        known.Commit([new WrittenAuthor(Ann, Seen: null, Details: 10)]);

        known.Commit([new WrittenAuthor(Ann, seen, Details: 12)]);

        Assert.False(known.TryGet(Ann, out _));
    }

    [Fact]
    public void PastItsLimit_ItStartsAfresh()
    {
        var known = new KnownAuthors(limit: 2);
        known.Commit([new(Guid.CreateVersion7(), null, 1), new(Guid.CreateVersion7(), null, 1), new(Guid.CreateVersion7(), null, 1)]);

        known.Commit([new WrittenAuthor(Ann, null, 10)]);

        Assert.Equal(1, known.Count);
        Assert.True(known.TryGet(Ann, out _));
    }
}
