using System.Collections.Concurrent;

namespace Earshot.Cases;

/// <summary>Who has each case open, and who is writing a reply, per live connection.</summary>
public sealed class PresenceTracker
{
    public sealed record Viewer(Guid UserId, string Name, bool Replying);

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, Viewer>> _cases = new();

    public IReadOnlyList<Viewer> Set(Guid caseId, string connectionId, Viewer viewer)
    {
        _cases.GetOrAdd(caseId, _ => new())[connectionId] = viewer;
        return On(caseId);
    }

    public IReadOnlyList<Viewer> Remove(Guid caseId, string connectionId)
    {
        if (_cases.TryGetValue(caseId, out var viewers))
            viewers.TryRemove(connectionId, out _);
        return On(caseId);
    }

    /// <summary>Forgets a closed connection everywhere; returns the cases whose presence changed.</summary>
    public IReadOnlyList<Guid> RemoveEverywhere(string connectionId) =>
        _cases.Where(entry => entry.Value.TryRemove(connectionId, out _)).Select(entry => entry.Key).ToList();

    /// <summary>One entry per person (several tabs count once; replying in any tab counts).</summary>
    public IReadOnlyList<Viewer> On(Guid caseId) =>
        _cases.TryGetValue(caseId, out var viewers)
            ? viewers.Values.GroupBy(v => v.UserId).Select(g => g.First() with { Replying = g.Any(v => v.Replying) }).OrderBy(v => v.Name, StringComparer.Ordinal).ToList()
            : [];
}
