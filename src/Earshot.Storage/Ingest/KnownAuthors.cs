namespace Earshot.Storage.Ingest;

/// <summary>
/// Authors whose details were committed, each with a fingerprint of those details (follower count, name, profile
/// URL), so that a writer skips the upsert of an author whose details have not changed. The server's writers share
/// one (see <see cref="PostWriters"/>: a fresh writer per batch would otherwise upsert every author of every batch,
/// 8 % of a Mastodon stream's writing time); a bulk import's writer has its own. Only committed details are
/// remembered: a writer hands over what it wrote when its transaction commits, and forgets it on a rollback.
/// Bounded, so memory stays flat (about 32 MB when full); a fingerprint rather than the details themselves, because
/// the 1,000,000-post bench file has 242,679 authors, and an earlier cache of 200,000 authors with their names and
/// URLs was cleared every few batches. Safe for concurrent writers.
/// </summary>
public sealed class KnownAuthors(int limit = 1_000_000)
{
    private readonly Dictionary<Guid, long> _details = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _details.Count;
        }
    }

    public bool TryGet(Guid author, out long details)
    {
        lock (_lock)
            return _details.TryGetValue(author, out details);
    }

    /// <summary>
    /// Records the upserts of a committed transaction. An author whose entry changed since the writer looked (another
    /// writer committed other details meanwhile) is forgotten instead: which of the two commits came last is not
    /// known here, so the next batch that names the author upserts it again.
    /// </summary>
    public void Commit(IEnumerable<WrittenAuthor> written)
    {
        lock (_lock)
        {
            if (_details.Count > limit)
                _details.Clear();
            foreach (var author in written)
            {
                var known = _details.TryGetValue(author.Id, out var current);
                if (known == author.Seen.HasValue && (!known || current == author.Seen))
                    _details[author.Id] = author.Details;
                else
                    _details.Remove(author.Id);
            }
        }
    }
}

/// <summary>An author upserted in a transaction: the details it wrote, and what the cache held when it looked.</summary>
public readonly record struct WrittenAuthor(Guid Id, long? Seen, long Details);
