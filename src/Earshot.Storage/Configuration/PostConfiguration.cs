using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> channel)
    {
        channel.Property(c => c.Kind).HasConversion(k => k.WireName(), s => Parse(s)).HasMaxLength(32);
        channel.Property(c => c.Name).HasMaxLength(200);
        channel.HasIndex(c => new { c.WorkspaceId, c.Kind, c.Name }).IsUnique();
        channel.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId);
        channel.ComplexProperty(c => c.Health);
    }

    private static ChannelKind Parse(string name) =>
        ChannelKinds.TryParse(name, out var kind) ? kind : throw new InvalidOperationException($"Unknown channel kind '{name}' in the database.");
}

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> author)
    {
        author.Property(a => a.Id).ValueGeneratedNever();
        author.Property(a => a.Handle).HasMaxLength(256);
        author.HasIndex(a => new { a.ChannelId, a.Handle }).IsUnique();
        author.HasOne<Channel>().WithMany().HasForeignKey(a => a.ChannelId);
    }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.Property(p => p.Id).ValueGeneratedNever();
        post.Property(p => p.ExternalId).HasMaxLength(512);
        post.Property(p => p.Language).HasMaxLength(16);
        post.Property(p => p.InReplyToExternalId).HasMaxLength(512);
        post.Property(p => p.ThreadExternalId).HasMaxLength(512);
        // Idempotent ingestion: one row per (channel, external id), however often it arrives.
        post.HasIndex(p => new { p.ChannelId, p.ExternalId }).IsUnique();
        // The Mentions stream: newest first within a workspace, keyset-paged on (created_at, id).
        post.HasIndex(p => new { p.WorkspaceId, p.CreatedAt, p.Id });
        // Unfinished posts only: a few thousand entries at most, so it costs little on the ingest hot path, and the
        // pipeline's sweep reads it instead of walking the whole table.
        post.HasIndex(p => p.Id, UnfinishedPosts.IndexName).HasFilter(UnfinishedPosts.Filter);
        post.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId);
        post.HasOne(p => p.Channel).WithMany().HasForeignKey(p => p.ChannelId);
        post.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId);
    }
}

internal sealed class PostRevisionConfiguration : IEntityTypeConfiguration<PostRevision>
{
    public void Configure(EntityTypeBuilder<PostRevision> revision)
    {
        revision.HasIndex(r => r.PostId);
        revision.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId);
    }
}
