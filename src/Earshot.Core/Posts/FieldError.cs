namespace Earshot.Core.Posts;

/// <summary>Why one field of an incoming item was refused. <see cref="Field"/> uses the wire name.</summary>
public sealed record FieldError(string Field, string Message);
