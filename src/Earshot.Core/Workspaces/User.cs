namespace Earshot.Core.Workspaces;

public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "agent";
    public string? PasswordHash { get; set; }
    public DateTime CreatedAt { get; set; }
}
