using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class PostAttachmentConfiguration : IEntityTypeConfiguration<PostAttachment>
{
    public void Configure(EntityTypeBuilder<PostAttachment> attachment)
    {
        attachment.HasKey(a => new { a.PostId, a.Position });
        attachment.Property(a => a.FileName).HasMaxLength(512);
        attachment.Property(a => a.ContentType).HasMaxLength(255);
        attachment.Property(a => a.Sha256).HasMaxLength(64);
        attachment.HasOne<Post>().WithMany().HasForeignKey(a => a.PostId);
    }
}
