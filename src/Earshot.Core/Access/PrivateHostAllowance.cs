namespace Earshot.Core.Access;

/// <summary>
/// A host an admin allowed Earshot to reach although it resolves to a private, loopback or link-local address
/// (an intranet feed, a webhook receiver inside the firewall). Every other outbound request to such an address is
/// refused.
/// </summary>
public sealed class PrivateHostAllowance
{
    /// <summary>The host name or address, lower case, without port.</summary>
    public required string Host { get; set; }
    public Guid? AllowedBy { get; set; }
    public DateTime At { get; set; }
}
