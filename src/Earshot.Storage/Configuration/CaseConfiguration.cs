using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> @case)
    {
        @case.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        @case.Property(c => c.ThreadExternalId).HasMaxLength(512);
        @case.HasIndex(c => new { c.WorkspaceId, c.Status, c.Priority });
        @case.HasIndex(c => new { c.AuthorId, c.Status });
        @case.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId);
        @case.HasOne<Author>().WithMany().HasForeignKey(c => c.AuthorId);
        @case.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
        @case.HasOne<User>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> caseEvent)
    {
        caseEvent.Property(e => e.Kind).HasMaxLength(48);
        caseEvent.HasIndex(e => new { e.CaseId, e.At });
        caseEvent.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId);
    }
}
