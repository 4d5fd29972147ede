using Earshot.Core.Alerts;
using Earshot.Core.Alerts.Delivery;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> alertEvent)
    {
        alertEvent.Property(e => e.Type).HasMaxLength(48);
        alertEvent.HasIndex(e => new { e.AlertId, e.At });
        alertEvent.HasOne<Alert>().WithMany().HasForeignKey(e => e.AlertId);
    }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> webhook)
    {
        webhook.Property(w => w.Url).HasMaxLength(2048);
        webhook.Property(w => w.Events).HasMaxLength(512);
        webhook.Property(w => w.Format).HasConversion<string>().HasMaxLength(16);
        webhook.HasOne<Workspace>().WithMany().HasForeignKey(w => w.WorkspaceId);
        webhook.HasOne<Team>().WithMany().HasForeignKey(w => w.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.EventType).HasMaxLength(48);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        // Exactly once from our side: an event is owed to a webhook at most once, however often it is enqueued.
        delivery.HasIndex(d => new { d.WebhookId, d.EventId }).IsUnique();
        // The dispatcher's queue and the dead-letter list.
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailDeliveryConfiguration : IEntityTypeConfiguration<EmailDelivery>
{
    public void Configure(EntityTypeBuilder<EmailDelivery> delivery)
    {
        delivery.Property(d => d.EventType).HasMaxLength(48);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Recipients).HasMaxLength(2000);
        delivery.Property(d => d.Subject).HasMaxLength(500);
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        delivery.HasIndex(d => d.EventId).IsUnique();
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}
