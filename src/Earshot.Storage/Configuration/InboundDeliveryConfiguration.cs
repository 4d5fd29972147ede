using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class InboundDeliveryConfiguration : IEntityTypeConfiguration<InboundDelivery>
{
    public void Configure(EntityTypeBuilder<InboundDelivery> delivery)
    {
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.Source).HasMaxLength(32);
        delivery.Property(d => d.BodyHash).HasMaxLength(64);
        delivery.Property(d => d.LastError).HasMaxLength(2000);
        // A retried delivery has the same bytes: the unique index turns it into a no-op.
        delivery.HasIndex(d => new { d.Source, d.BodyHash }).IsUnique();
        // The worker reads pending deliveries oldest first.
        delivery.HasIndex(d => new { d.ProcessedAt, d.Id });
    }
}
