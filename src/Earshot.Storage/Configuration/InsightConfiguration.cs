using Earshot.Core.Alerts;
using Earshot.Core.Topics;
using Earshot.Core.Understanding;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> topic)
    {
        topic.Property(t => t.Name).HasMaxLength(200);
        topic.HasIndex(t => new { t.WorkspaceId, t.Name }).IsUnique();
        // Topics saved before sensitivity existed hold "" and mean the default.
        topic.Property(t => t.Sensitivity).HasMaxLength(16).HasConversion(
            s => s.ToString(), s => s == "" ? Core.Alerts.Detection.Sensitivity.Normal : Enum.Parse<Core.Alerts.Detection.Sensitivity>(s));
        // Lower-case wire names, like channel kinds; topics saved before kinds existed become "other".
        topic.Property(t => t.Kind).HasMaxLength(16).HasDefaultValue(TopicKind.Other)
            .HasConversion(k => k.WireName(), s => ParseKind(s));
        topic.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId);
        topic.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.SetNull);
    }

    private static TopicKind ParseKind(string name) =>
        TopicKinds.TryParse(name, out var kind) ? kind : throw new InvalidOperationException($"Unknown topic kind '{name}' in the database.");
}

internal sealed class TopicMatchConfiguration : IEntityTypeConfiguration<TopicMatch>
{
    public void Configure(EntityTypeBuilder<TopicMatch> match)
    {
        match.HasKey(m => new { m.PostId, m.TopicId });
        match.HasIndex(m => m.TopicId);
        match.HasOne<Post>().WithMany().HasForeignKey(m => m.PostId);
        match.HasOne<Topic>().WithMany().HasForeignKey(m => m.TopicId);
    }
}

internal sealed class ClassificationConfiguration : IEntityTypeConfiguration<Classification>
{
    public void Configure(EntityTypeBuilder<Classification> classification)
    {
        classification.HasKey(c => c.PostId);
        classification.Property(c => c.Sentiment).HasMaxLength(16);
        classification.Property(c => c.Intent).HasMaxLength(16);
        classification.Property(c => c.Severity).HasConversion(CommaSeparated.Converter, CommaSeparated.Comparer);
        classification.HasIndex(c => c.Sentiment);
        classification.HasIndex(c => c.Intent);
        classification.HasOne<Post>().WithOne().HasForeignKey<Classification>(c => c.PostId);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> alert)
    {
        alert.Property(a => a.Kind).HasMaxLength(32);
        alert.Property(a => a.Status).HasMaxLength(16);
        alert.HasIndex(a => new { a.WorkspaceId, a.Status });
        // The live detector looks up the open alert of a topic and kind on every change.
        alert.HasIndex(a => new { a.TopicId, a.Kind, a.Status });
        alert.HasOne<Workspace>().WithMany().HasForeignKey(a => a.WorkspaceId);
        alert.HasOne<Topic>().WithMany().HasForeignKey(a => a.TopicId).OnDelete(DeleteBehavior.SetNull);
        alert.HasOne<Case>().WithMany().HasForeignKey(a => a.IncidentCaseId).OnDelete(DeleteBehavior.SetNull);
    }
}
