using Earshot.Core.Cases;
using Earshot.Storage.Ingest;

namespace Earshot.Engine.Cases;

/// <summary>
/// What the case stage knows while it works through one batch before saving it: each author's open cases (loaded
/// once, plus the ones the batch opens), which case each post of the batch was filed in, and the rows the batch
/// adds (new cases, their posts and events), written together at the end without EF Core's command per row.
/// </summary>
internal sealed class CaseBatch
{
    private readonly Dictionary<Guid, List<Case>> _byAuthor;
    private readonly Dictionary<(Guid Channel, string ExternalId), Guid> _filed = [];
    private readonly Dictionary<Guid, Case> _new = [];
    private readonly List<CasePost> _newPosts = [];
    private readonly List<CaseEvent> _newEvents = [];

    public CaseBatch(IEnumerable<Case> openCases) =>
        _byAuthor = openCases.GroupBy(c => c.AuthorId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.OpenedAt).ToList());

    public bool HasCase(Guid authorId) => _byAuthor.ContainsKey(authorId);

    /// <summary>The author's cases that are still open to new posts, newest first.</summary>
    public IReadOnlyList<Case> CasesOf(Guid authorId) =>
        _byAuthor.TryGetValue(authorId, out var cases)
            ? cases.Where(c => c.Status != CaseStatus.Closed && c.MergedIntoId == null).ToList()
            : [];

    public void Opened(Case @case)
    {
        if (!_byAuthor.TryGetValue(@case.AuthorId, out var cases))
            _byAuthor[@case.AuthorId] = cases = [];
        cases.Add(@case);
        cases.Sort((a, b) => b.OpenedAt.CompareTo(a.OpenedAt));
    }

    public void Filed(Guid channelId, string externalId, Guid caseId) => _filed[(channelId, externalId)] = caseId;

    /// <summary>A case this batch opened and will insert (changes to it until then are inserted with it).</summary>
    public Case? NewCase(Guid caseId) => _new.GetValueOrDefault(caseId);

    public void Insert(Case @case) => _new.Add(@case.Id, @case);

    public void Insert(CasePost post) => _newPosts.Add(post);

    public void Insert(CaseEvent @event) => _newEvents.Add(@event);

    /// <summary>
    /// Writes the new rows so far, cases before the posts and events that refer to them. The cases written are then
    /// tracked by the context like stored ones, so a later post of the batch that changes them is saved too.
    /// </summary>
    public async Task InsertAsync(EarshotDbContext db, CancellationToken cancellationToken)
    {
        await EntityRows.InsertAsync(db, _new.Values, cancellationToken);
        await EntityRows.InsertAsync(db, _newPosts, cancellationToken);
        await EntityRows.InsertAsync(db, _newEvents, cancellationToken);
        db.Cases.AttachRange(_new.Values);
        _new.Clear();
        _newPosts.Clear();
        _newEvents.Clear();
    }

    public Guid? CaseOfPost(Guid channelId, string externalId) =>
        _filed.TryGetValue((channelId, externalId), out var caseId) ? caseId : null;
}
