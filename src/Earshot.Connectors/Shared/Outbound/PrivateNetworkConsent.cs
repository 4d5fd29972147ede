using Earshot.Core.Wording;

namespace Earshot.Connectors.Shared.Outbound;

/// <summary>
/// An admin's word that a channel or webhook may reach a host on a private network: who gave it (null for the
/// operator at the command line) and through what, for the audit log.
/// </summary>
public sealed record PrivateNetworkConsent(Guid? ActorId, string Via)
{
    /// <summary>What a refused host's error adds, so the person knows the way through.</summary>
    public const string Hint = "an admin can allow it with --allow-private-network (API: \"allow_private_network\": true)";

    /// <summary>Why a setting naming a private host was refused, and the way through (<see cref="Hint"/>, word for word).</summary>
    public static Phrase Refused(string host) =>
        new Phrase("refused: {0} is a private address; an admin can allow it with --allow-private-network (API: \"allow_private_network\": true)", host);
}
