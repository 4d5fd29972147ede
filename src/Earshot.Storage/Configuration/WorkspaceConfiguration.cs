using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> workspace)
    {
        workspace.Property(w => w.Name).HasMaxLength(200);
        workspace.HasIndex(w => w.Name).IsUnique();
        workspace.PrimitiveCollection(w => w.BrandNames);
        workspace.PrimitiveCollection(w => w.CompetitorNames);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.Property(t => t.Name).HasMaxLength(200);
        team.Property(t => t.AlertEmail).HasMaxLength(320);
        team.HasIndex(t => new { t.WorkspaceId, t.Name }).IsUnique();
        team.Property(t => t.Assignment).HasConversion<string>().HasMaxLength(24);
        team.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.Property(u => u.Email).HasMaxLength(320);
        user.Property(u => u.Role).HasMaxLength(16);
        user.Property(u => u.SecurityStamp).HasMaxLength(32);
        user.HasIndex(u => u.Email).IsUnique();
        user.Property(u => u.SetPasswordTokenHash).HasMaxLength(64);
        user.HasIndex(u => u.SetPasswordTokenHash).IsUnique();
        user.Property(u => u.Language).HasMaxLength(10);
        user.Property(u => u.TimeZone).HasMaxLength(64);
    }
}
