using Earshot.Core.Cases;

namespace Earshot.Channels.Cases;

/// <summary>
/// What the case stage knows while it works through one batch before saving it: each author's open cases (loaded
/// once, plus the ones the batch opens) and which case each post of the batch was filed in.
/// </summary>
internal sealed class CaseBatch
{
    private readonly Dictionary<Guid, List<Case>> _byAuthor;
    private readonly Dictionary<(Guid Channel, string ExternalId), Guid> _filed = [];

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

    public Guid? CaseOfPost(Guid channelId, string externalId) =>
        _filed.TryGetValue((channelId, externalId), out var caseId) ? caseId : null;
}
