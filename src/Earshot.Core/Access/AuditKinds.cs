namespace Earshot.Core.Access;

/// <summary>
/// The kinds of <see cref="AuditEvent"/>: dotted, stable names that filters, reports and people rely on (listed in
/// docs/SECURITY.md, "Audit log"). Rename none; add new ones.
/// </summary>
public static class AuditKinds
{
    public const string SignIn = "auth.sign-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string LockedOut = "auth.locked-out";
    public const string SignOut = "auth.sign-out";

    public const string UserCreated = "user.created";
    public const string RoleChanged = "user.role-changed";
    public const string PasswordChanged = "user.password-changed";
    public const string Deactivated = "user.deactivated";
    public const string Reactivated = "user.reactivated";
    public const string CapacityChanged = "user.capacity-changed";
    /// <summary>A set-password link was issued for an existing user; their old password and sign-ins ended.</summary>
    public const string PasswordResetIssued = "user.password-reset";

    public const string WorkspaceCreated = "workspace.created";

    public const string WorkspaceMemberAdded = "membership.workspace-added";
    public const string TeamMemberAdded = "membership.team-added";
    public const string WorkspaceMemberRemoved = "membership.workspace-removed";
    public const string TeamMemberRemoved = "membership.team-removed";

    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";

    public const string ChannelAdded = "channel.added";
    public const string ChannelRemoved = "channel.removed";
    public const string ChannelChanged = "channel.changed";
    public const string ChannelPaused = "channel.paused";
    public const string ChannelResumed = "channel.resumed";

    public const string WebhookAdded = "webhook.added";
    public const string WebhookRemoved = "webhook.removed";

    public const string TeamSaved = "settings.team-saved";
    public const string TeamDeleted = "settings.team-deleted";
    public const string CasePolicyChanged = "settings.case-policy-changed";
    public const string RoutingRuleSaved = "settings.routing-rule-saved";
    public const string RoutingRuleDeleted = "settings.routing-rule-deleted";
    public const string SlaPolicySaved = "settings.sla-policy-saved";
    public const string CalendarSaved = "settings.calendar-saved";
    public const string CannedReplySaved = "settings.canned-reply-saved";
    public const string TopicSaved = "settings.topic-saved";
    public const string TopicDeleted = "settings.topic-deleted";
    public const string SlaPolicyDeleted = "settings.sla-policy-deleted";
    public const string CalendarDeleted = "settings.calendar-deleted";
    public const string CannedReplyDeleted = "settings.canned-reply-deleted";

    /// <summary>Read by the fairness report; older than the dotted names and kept as it was.</summary>
    public const string ReachFactorChanged = "reach_factor_changed";

    public const string Export = "data.exported";

    /// <summary>Written by the outbound-request guard when an admin allows a private host.</summary>
    public const string PrivateHostAllowed = "outbound.private-host-allowed";

    /// <summary>Every kind written today, for the page's filter list and the API's check of <c>kind</c>.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut, UserCreated, RoleChanged, PasswordChanged, Deactivated, Reactivated,
        CapacityChanged, PasswordResetIssued, WorkspaceMemberRemoved, TeamMemberRemoved, TeamDeleted,
        WorkspaceMemberAdded, TeamMemberAdded, TokenCreated, TokenRevoked, ChannelAdded, ChannelRemoved, WebhookAdded, WebhookRemoved,
        TeamSaved, CasePolicyChanged, RoutingRuleSaved, RoutingRuleDeleted, SlaPolicySaved, CalendarSaved, CannedReplySaved,
        TopicSaved, TopicDeleted, ReachFactorChanged, Export, PrivateHostAllowed,
        ChannelChanged, ChannelPaused, ChannelResumed, SlaPolicyDeleted, CalendarDeleted, CannedReplyDeleted, WorkspaceCreated,
    ];
}
