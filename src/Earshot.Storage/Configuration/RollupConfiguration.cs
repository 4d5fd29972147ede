using Earshot.Core.Insights;
using Earshot.Core.Topics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

// Rollup keys lead with workspace, topic and bucket: every report reads one topic's rows over a time range.
internal sealed class VolumeRollupConfiguration : IEntityTypeConfiguration<VolumeRollup>
{
    public void Configure(EntityTypeBuilder<VolumeRollup> rollup)
    {
        rollup.HasKey(r => new { r.WorkspaceId, r.TopicId, r.Span, r.Bucket, r.ChannelId, r.Language, r.Sentiment, r.Intent, r.Switcher });
        RollupColumns.Configure(rollup);
    }
}

internal sealed class AspectRollupConfiguration : IEntityTypeConfiguration<AspectRollup>
{
    public void Configure(EntityTypeBuilder<AspectRollup> rollup)
    {
        rollup.HasKey(r => new { r.WorkspaceId, r.TopicId, r.Bucket, r.ChannelId, r.Language, r.Sentiment, r.Intent, r.Aspect });
        rollup.Property(r => r.Aspect).HasMaxLength(RollupColumns.AspectLength);
        RollupColumns.Configure(rollup);
    }
}

internal sealed class AuthorRollupConfiguration : IEntityTypeConfiguration<AuthorRollup>
{
    public void Configure(EntityTypeBuilder<AuthorRollup> rollup)
    {
        rollup.HasKey(r => new { r.WorkspaceId, r.TopicId, r.Bucket, r.ChannelId, r.Language, r.Sentiment, r.Intent, r.AuthorId });
        RollupColumns.Configure(rollup);
    }
}

internal sealed class PostTallyConfiguration : IEntityTypeConfiguration<PostTally>
{
    public void Configure(EntityTypeBuilder<PostTally> tally)
    {
        tally.HasKey(t => t.PostId);
        tally.Property(t => t.Language).HasMaxLength(16);
        tally.Property(t => t.Sentiment).HasMaxLength(16);
        tally.Property(t => t.Intent).HasMaxLength(16);
        tally.HasOne<Post>().WithOne().HasForeignKey<PostTally>(t => t.PostId);
    }
}

internal sealed class RollupRebuildConfiguration : IEntityTypeConfiguration<RollupRebuild>
{
    public void Configure(EntityTypeBuilder<RollupRebuild> rebuild)
    {
        rebuild.Property(r => r.Status).HasMaxLength(16);
        rebuild.HasIndex(r => new { r.Status, r.CreatedAt });
        rebuild.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId);
        rebuild.HasOne<Topic>().WithMany().HasForeignKey(r => r.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal static class RollupColumns
{
    public const int AspectLength = 64;

    // No foreign keys: rollups are counts, written by upsert on the hot path, and a deleted topic's rows are removed with it.
    public static void Configure<T>(EntityTypeBuilder<T> rollup) where T : RollupRow
    {
        rollup.Property(r => r.Language).HasMaxLength(16);
        rollup.Property(r => r.Sentiment).HasMaxLength(16);
        rollup.Property(r => r.Intent).HasMaxLength(16);
    }
}
