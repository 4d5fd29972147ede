using Earshot.Core.Access;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Earshot.Storage.Configuration;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.Property(t => t.Name).HasMaxLength(200);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.Property(t => t.Scope).HasMaxLength(16);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.Property(a => a.Kind).HasMaxLength(64);
        audit.HasIndex(a => new { a.WorkspaceId, a.At });
        audit.HasIndex(a => a.At);
    }
}

internal sealed class WorkspaceMemberConfiguration : IEntityTypeConfiguration<WorkspaceMember>
{
    public void Configure(EntityTypeBuilder<WorkspaceMember> member)
    {
        member.HasKey(m => new { m.WorkspaceId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId);
        member.HasOne<User>().WithMany().HasForeignKey(m => m.UserId);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> member)
    {
        member.HasKey(m => new { m.TeamId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId);
        member.HasOne<User>().WithMany().HasForeignKey(m => m.UserId);
    }
}

internal sealed class PrivateHostAllowanceConfiguration : IEntityTypeConfiguration<PrivateHostAllowance>
{
    public void Configure(EntityTypeBuilder<PrivateHostAllowance> allowance)
    {
        allowance.HasKey(a => a.Host);
        allowance.Property(a => a.Host).HasMaxLength(253);
    }
}
