namespace Earshot.Alerts;

/// <summary>An alert as the API and the Alerts page show it.</summary>
public sealed record AlertView(
    Guid Id,
    Guid? TopicId,
    string? Topic,
    string Kind,
    string Status,
    DateTime StartedAt,
    DateTime UpdatedAt,
    DateTime? ClosedAt,
    int Count,
    double PeakPerMinute,
    double Score,
    IReadOnlyList<string> Terms,
    IReadOnlyList<Engine.Alerts.AlertDetails.Example> Examples,
    DateTime? AcknowledgedAt,
    Guid? AcknowledgedBy,
    DateTime? SnoozedUntil,
    string? CloseReason,
    Guid? IncidentCaseId);

/// <summary>One minute of the alert's topic: all posts, negative posts and complaints.</summary>
public sealed record MinutePoint(DateTime Minute, int Posts, int Negative, int Complaints);

public sealed record ExamplePost(Guid PostId, string Text, string? Author, DateTime? CreatedAt, string? Url);

public sealed record AlertEventView(string Type, Guid? ActorId, DateTime At);

public sealed record AlertDetailView(AlertView Alert, IReadOnlyList<MinutePoint> Series, IReadOnlyList<ExamplePost> ExamplePosts, IReadOnlyList<AlertEventView> Events);
