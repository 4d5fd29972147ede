namespace Earshot.Core.Posts;

/// <summary>A source of posts in a workspace: a connector instance, an import target or the API.</summary>
public sealed class Channel
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public ChannelKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Connector settings as JSON; secrets inside are encrypted by the host before they get here.</summary>
    public string SettingsJson { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
}
