using Earshot.Core.Workspaces;

namespace Earshot.Core.Cases;

/// <summary>A saved answer with variables such as <c>{{customer.name}}</c> (see <see cref="ReplyTemplate"/>).</summary>
public sealed class CannedReply : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public required string Body { get; set; }
}

/// <summary>One person behind several authors (the same customer on X and by e-mail).</summary>
public sealed class CustomerLink
{
    public Guid AuthorId { get; set; }
    public Guid CustomerId { get; set; }
}
