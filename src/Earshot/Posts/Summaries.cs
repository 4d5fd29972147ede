using System.Linq.Expressions;
using Earshot.Core.Posts;

namespace Earshot.Posts;

/// <summary>The one projection from a stored post to <see cref="PostSummary"/>, translated to SQL by EF Core.</summary>
public static class Summaries
{
    public static Expression<Func<Post, PostSummary>> Of(EarshotDbContext db) => p => new PostSummary
    {
        Id = p.Id,
        ExternalId = p.ExternalId,
        Workspace = db.Workspaces.Where(w => w.Id == p.WorkspaceId).Select(w => w.Name).First(),
        ChannelKind = p.Channel!.Kind,
        AuthorHandle = p.Author!.Handle,
        AuthorDisplayName = p.Author.DisplayName,
        AuthorFollowers = p.Author.Followers,
        Text = p.Text,
        Language = p.Language,
        CreatedAt = p.CreatedAt,
        ReceivedAt = p.ReceivedAt,
        EditedAt = p.EditedAt,
        Url = p.Url,
        InReplyTo = p.InReplyToExternalId,
        ThreadId = p.ThreadExternalId,
        IsBrand = p.IsBrand,
    };
}
