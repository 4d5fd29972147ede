namespace Earshot.Core.Events;

/// <summary>
/// Something that happened, for live pages and (later) webhooks and a broker. Small and self-contained: consumers
/// read details by id, so an event can cross a process boundary unchanged.
/// </summary>
public sealed record EarshotEvent(string Type, Guid WorkspaceId, Guid SubjectId, DateTime At)
{
    public const string PostStored = "post.stored";
    public const string AlertOpened = "alert.opened";
    public const string AlertUpdated = "alert.updated";
    public const string AlertClosed = "alert.closed";
}
