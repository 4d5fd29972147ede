using Earshot.Core.Access;
using Earshot.Core.Alerts;
using Earshot.Core.Topics;
using Earshot.Core.Understanding;

namespace Earshot.Storage;

/// <summary>
/// The one database model. Each provider has a subclass (<see cref="Sqlite.SqliteEarshotDbContext"/>,
/// <see cref="Postgres.PostgresEarshotDbContext"/>) only so that each keeps its own migrations.
/// </summary>
public abstract class EarshotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostRevision> PostRevisions => Set<PostRevision>();
    public DbSet<PostAttachment> PostAttachments => Set<PostAttachment>();
    public DbSet<Core.Understanding.Learning.LabelledExample> LabelledExamples => Set<Core.Understanding.Learning.LabelledExample>();
    public DbSet<Core.Understanding.Learning.TrainedModel> TrainedModels => Set<Core.Understanding.Learning.TrainedModel>();
    public DbSet<Core.Understanding.Learning.ReclassifyJob> ReclassifyJobs => Set<Core.Understanding.Learning.ReclassifyJob>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<TopicMatch> TopicMatches => Set<TopicMatch>();
    public DbSet<Classification> Classifications => Set<Classification>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<CasePost> CasePosts => Set<CasePost>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<BusinessCalendar> BusinessCalendars => Set<BusinessCalendar>();
    public DbSet<CannedReply> CannedReplies => Set<CannedReply>();
    public DbSet<CustomerLink> CustomerLinks => Set<CustomerLink>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PrivateHostAllowance> PrivateHostAllowances => Set<PrivateHostAllowance>();
    public DbSet<InboundDelivery> InboundDeliveries => Set<InboundDelivery>();
    public DbSet<AlertEvent> AlertEvents => Set<AlertEvent>();
    public DbSet<Core.Alerts.Delivery.Webhook> Webhooks => Set<Core.Alerts.Delivery.Webhook>();
    public DbSet<Core.Alerts.Delivery.WebhookDelivery> WebhookDeliveries => Set<Core.Alerts.Delivery.WebhookDelivery>();
    public DbSet<Core.Alerts.Delivery.EmailDelivery> EmailDeliveries => Set<Core.Alerts.Delivery.EmailDelivery>();
    public DbSet<Core.Insights.VolumeRollup> VolumeRollups => Set<Core.Insights.VolumeRollup>();
    public DbSet<Core.Insights.AspectRollup> AspectRollups => Set<Core.Insights.AspectRollup>();
    public DbSet<Core.Insights.AuthorRollup> AuthorRollups => Set<Core.Insights.AuthorRollup>();
    public DbSet<Core.Insights.PostTally> PostTallies => Set<Core.Insights.PostTally>();
    public DbSet<Core.Insights.RollupRebuild> RollupRebuilds => Set<Core.Insights.RollupRebuild>();

    public abstract DatabaseProvider Provider { get; }

    // Read by the workspace query filters at every query, from the ambient scope: a context created before a request's
    // restriction was known (or pooled and reused) still obeys the restriction in force when it queries.
    internal bool Unrestricted => Tenancy.WorkspaceScope.Current is null;

    internal List<Guid> VisibleWorkspaceIds => Tenancy.WorkspaceScope.Current?.WorkspaceIds ?? NoWorkspaces;

    internal Guid? ScopedUserId => Tenancy.WorkspaceScope.Current?.UserId;

    private static readonly List<Guid> NoWorkspaces = [];

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Tenancy.WorkspaceWrites.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Tenancy.WorkspaceWrites.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Every stored time is UTC; SQLite keeps no kind, so say so when reading.
        conventions.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(EarshotDbContext).Assembly);
        Tenancy.WorkspaceFilters.Apply(model, this);
        SnakeCaseNames.Apply(model);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
