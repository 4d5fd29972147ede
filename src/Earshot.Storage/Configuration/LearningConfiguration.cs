using Earshot.Core.Understanding.Learning;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class LabelledExampleConfiguration : IEntityTypeConfiguration<LabelledExample>
{
    public void Configure(EntityTypeBuilder<LabelledExample> example)
    {
        example.Property(e => e.Id).ValueGeneratedNever();
        example.Property(e => e.Task).HasMaxLength(16);
        example.Property(e => e.Label).HasMaxLength(32);
        // A post's corrections, newest last; and training reads one task's examples.
        example.HasIndex(e => new { e.PostId, e.Task, e.At });
        example.HasIndex(e => new { e.Task, e.At });
        example.HasOne<Post>().WithMany().HasForeignKey(e => e.PostId);
    }
}

internal sealed class TrainedModelConfiguration : IEntityTypeConfiguration<TrainedModel>
{
    public void Configure(EntityTypeBuilder<TrainedModel> model)
    {
        model.HasKey(m => m.Version);
        model.Property(m => m.Version).ValueGeneratedNever();
        model.Property(m => m.Task).HasMaxLength(16);
        model.Property(m => m.Source).HasMaxLength(300);
        model.Property(m => m.Baseline).HasMaxLength(100);
        model.HasIndex(m => new { m.Task, m.IsActive });
    }
}

internal sealed class ReclassifyJobConfiguration : IEntityTypeConfiguration<ReclassifyJob>
{
    public void Configure(EntityTypeBuilder<ReclassifyJob> job)
    {
        job.Property(j => j.Id).ValueGeneratedNever();
        job.Property(j => j.Reason).HasMaxLength(300);
        job.Property(j => j.Status).HasMaxLength(16);
        job.Property(j => j.Error).HasMaxLength(2000);
        job.HasIndex(j => new { j.Status, j.CreatedAt });
    }
}
