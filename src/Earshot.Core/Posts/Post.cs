using Earshot.Core.Workspaces;

namespace Earshot.Core.Posts;

/// <summary>A post as stored: normalised fields plus the raw payload exactly as it arrived.</summary>
public sealed class Post : IWorkspaceOwned
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid ChannelId { get; set; }
    public required string ExternalId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    public string? Language { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public string? Url { get; set; }
    public string? InReplyToExternalId { get; set; }
    /// <summary>External id of the conversation's first post; equals <see cref="ExternalId"/> for a root.</summary>
    public string? ThreadExternalId { get; set; }
    public bool IsBrand { get; set; }
    public bool IsDeleted { get; set; }
    public required string RawPayload { get; set; }
    /// <summary>The last pipeline step this post has completed (see <see cref="Pipeline.PipelineStep"/>).</summary>
    public int Stage { get; set; }

    public Author? Author { get; set; }
    public Channel? Channel { get; set; }
}
