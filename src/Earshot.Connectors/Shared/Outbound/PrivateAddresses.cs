using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Earshot.Connectors.Shared.Outbound;

/// <summary>
/// Which addresses Earshot refuses to reach unless an admin allowed the host: everything that is not a unicast
/// address on the public internet. IPv4 is judged as its IPv4-mapped IPv6 form, and IPv6 forms that carry an IPv4
/// address (mapped, NAT64, 6to4) are judged by that address, so `::ffff:127.0.0.1` is loopback like `127.0.0.1`.
/// </summary>
public static class PrivateAddresses
{
    private sealed record Range(UInt128 Network, int PrefixLength, string Name)
    {
        public bool Contains(UInt128 address) => PrefixLength == 0 || (address >> (128 - PrefixLength)) == (Network >> (128 - PrefixLength));
    }

    // IANA's special-purpose registries (IPv4 and IPv6), narrowed to what must not be reached from a server.
    private static readonly Range[] RefusedRanges =
    [
        V4("0.0.0.0", 8, "this network (0.0.0.0)"),
        V4("10.0.0.0", 8, "private"),
        V4("100.64.0.0", 10, "shared address space (CGNAT)"),
        V4("127.0.0.0", 8, "loopback"),
        V4("169.254.0.0", 16, "link-local"),
        V4("172.16.0.0", 12, "private"),
        V4("192.0.0.0", 24, "IETF protocol assignments"),
        V4("192.0.2.0", 24, "documentation"),
        V4("192.88.99.0", 24, "6to4 relay"),
        V4("192.168.0.0", 16, "private"),
        V4("198.18.0.0", 15, "benchmarking"),
        V4("198.51.100.0", 24, "documentation"),
        V4("203.0.113.0", 24, "documentation"),
        V4("224.0.0.0", 4, "multicast"),
        V4("240.0.0.0", 4, "reserved (and broadcast)"),
        V6("::", 96, "unspecified, loopback or IPv4-compatible"),
        V6("64:ff9b:1::", 48, "local-use NAT64"),
        V6("100::", 64, "discard-only"),
        V6("2001::", 23, "IETF protocol assignments (Teredo, ORCHID, …)"),
        V6("2001:db8::", 32, "documentation"),
        V6("3fff::", 20, "documentation"),
        V6("fc00::", 7, "unique local (private)"),
        V6("fe80::", 10, "link-local"),
        V6("fec0::", 10, "site-local"),
        V6("ff00::", 8, "multicast"),
    ];

    private static readonly UInt128 Mapped = Bits(IPAddress.Parse("::ffff:0:0"));
    private static readonly UInt128 Nat64 = Bits(IPAddress.Parse("64:ff9b::"));

    /// <summary>True for a unicast address on the public internet; false for anything Earshot refuses to reach.</summary>
    public static bool IsPublic(IPAddress address) => Why(address) is null;

    /// <summary>What kind of non-public address this is ("loopback", "private", …), or null for a public one.</summary>
    public static string? Why(IPAddress address)
    {
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            return "not an IP address";
        var bits = Bits(address);
        // Forms that carry an IPv4 address are judged by it: mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d), 6to4 (2002:aabb:ccdd::).
        if (bits >> 32 == Mapped >> 32 || bits >> 32 == Nat64 >> 32)
            return WhyV4((uint)bits);
        if (bits >> 112 == 0x2002)
            return WhyV4((uint)(bits >> 80));
        foreach (var range in RefusedRanges)
        {
            if (range.Contains(bits))
                return range.Name;
        }
        // Only 2000::/3 is assigned for global unicast; the rest is reserved.
        return bits >> 125 == 1 ? null : "reserved";
    }

    private static string? WhyV4(uint v4)
    {
        var bits = Mapped | v4;
        foreach (var range in RefusedRanges)
        {
            if (range.Network >> 32 == Mapped >> 32 && range.Contains(bits))
                return range.Name;
        }
        return null;
    }

    private static Range V4(string network, int prefixLength, string name) => new(Bits(IPAddress.Parse(network)), 96 + prefixLength, name);

    private static Range V6(string network, int prefixLength, string name) => new(Bits(IPAddress.Parse(network)), prefixLength, name);

    private static UInt128 Bits(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address = address.AddressFamily == AddressFamily.InterNetwork ? address.MapToIPv6() : address;
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
