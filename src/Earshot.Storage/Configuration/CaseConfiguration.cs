using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> @case)
    {
        @case.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        @case.Property(c => c.ThreadExternalId).HasMaxLength(512);
        @case.Property(c => c.Subject).HasMaxLength(200);
        @case.Property(c => c.Intent).HasMaxLength(32);
        @case.Property(c => c.Severity).HasConversion(CommaSeparated.Converter, CommaSeparated.Comparer).HasMaxLength(200);
        @case.Property(c => c.Language).HasMaxLength(16);
        @case.Property(c => c.RoutedBy).HasMaxLength(240);
        @case.PrimitiveCollection(c => c.Tags);
        // The queue: waiting cases in rank order, and the ones whose deadline is near.
        @case.HasIndex(c => new { c.Queued, c.RankKey });
        @case.HasIndex(c => new { c.Queued, c.DueAt });
        // "Next case": the first unassigned waiting case in rank order.
        @case.HasIndex(c => new { c.Queued, c.AssigneeId, c.RankKey });
        @case.HasIndex(c => new { c.AuthorId, c.Status });
        @case.HasIndex(c => new { c.ChannelId, c.ThreadExternalId });
        // An agent's load and room: their cases by status, however long their history.
        @case.HasIndex(c => new { c.AssigneeId, c.Status });
        @case.HasIndex(c => new { c.WorkspaceId, c.OpenedAt });
        // The inbox: status views newest first (and their counts), and the waiting cases counted by team and channel.
        @case.HasIndex(c => new { c.Status, c.OpenedAt });
        @case.HasIndex(c => new { c.Queued, c.TeamId });
        @case.HasIndex(c => new { c.Queued, c.ChannelId });
        @case.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId);
        @case.HasOne<Channel>().WithMany().HasForeignKey(c => c.ChannelId);
        @case.HasOne<Author>().WithMany().HasForeignKey(c => c.AuthorId);
        @case.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
        @case.HasOne<User>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CasePostConfiguration : IEntityTypeConfiguration<CasePost>
{
    public void Configure(EntityTypeBuilder<CasePost> casePost)
    {
        casePost.HasKey(c => new { c.CaseId, c.PostId });
        casePost.HasIndex(c => c.PostId).IsUnique();
        casePost.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId);
        casePost.HasOne<Post>().WithMany().HasForeignKey(c => c.PostId);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> caseEvent)
    {
        caseEvent.Property(e => e.Kind).HasMaxLength(48);
        caseEvent.HasIndex(e => new { e.CaseId, e.At });
        caseEvent.HasIndex(e => new { e.Kind, e.At });
        caseEvent.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId);
    }
}

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> rule)
    {
        rule.Property(r => r.Name).HasMaxLength(200);
        rule.PrimitiveCollection(r => r.TopicIds);
        rule.PrimitiveCollection(r => r.Intents);
        rule.PrimitiveCollection(r => r.Severities);
        rule.PrimitiveCollection(r => r.ChannelKinds);
        rule.PrimitiveCollection(r => r.Languages);
        rule.HasIndex(r => new { r.WorkspaceId, r.Name }).IsUnique();
        rule.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId);
        rule.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId);
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> policy)
    {
        policy.Property(p => p.Name).HasMaxLength(200);
        policy.Property(p => p.Intent).HasMaxLength(32);
        policy.HasIndex(p => new { p.WorkspaceId, p.Name }).IsUnique();
        policy.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId);
        policy.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
        policy.HasOne<BusinessCalendar>().WithMany().HasForeignKey(p => p.CalendarId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BusinessCalendarConfiguration : IEntityTypeConfiguration<BusinessCalendar>
{
    public void Configure(EntityTypeBuilder<BusinessCalendar> calendar)
    {
        calendar.Property(c => c.Name).HasMaxLength(200);
        calendar.Property(c => c.TimeZone).HasMaxLength(64);
        calendar.PrimitiveCollection(c => c.Hours);
        calendar.PrimitiveCollection(c => c.Holidays);
        calendar.HasIndex(c => new { c.WorkspaceId, c.Name }).IsUnique();
        calendar.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId);
    }
}

internal sealed class CannedReplyConfiguration : IEntityTypeConfiguration<CannedReply>
{
    public void Configure(EntityTypeBuilder<CannedReply> reply)
    {
        reply.Property(r => r.Name).HasMaxLength(200);
        reply.HasIndex(r => new { r.WorkspaceId, r.Name }).IsUnique();
        reply.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId);
    }
}

internal sealed class CustomerLinkConfiguration : IEntityTypeConfiguration<CustomerLink>
{
    public void Configure(EntityTypeBuilder<CustomerLink> link)
    {
        link.HasKey(l => l.AuthorId);
        link.HasIndex(l => l.CustomerId);
        link.HasOne<Author>().WithMany().HasForeignKey(l => l.AuthorId);
    }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> view)
    {
        view.Property(v => v.Name).HasMaxLength(80);
        view.Property(v => v.Status).HasMaxLength(24);
        view.Property(v => v.View).HasMaxLength(120);
        view.Property(v => v.Team).HasMaxLength(200);
        view.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
        view.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
