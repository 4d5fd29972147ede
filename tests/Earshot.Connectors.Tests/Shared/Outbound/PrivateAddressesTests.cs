using System.Net;
using Earshot.Connectors.Shared.Outbound;
using Xunit;

namespace Earshot.Connectors.Tests.Shared.Outbound;

public sealed class PrivateAddressesTests
{
    [Theory]
    // IPv4: unspecified, this network, private, loopback, link-local (cloud metadata), CGNAT, reserved, multicast, broadcast, documentation
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.10")]
    [InlineData("192.88.99.1")]
    [InlineData("192.168.0.1")]
    [InlineData("192.168.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    // The same written as one decimal number (http://2130706433/) or in octal parts
    [InlineData("2130706433")]
    [InlineData("0177.0.0.1")]
    // IPv6: unspecified, loopback, IPv4-compatible, ULA, link-local, site-local, multicast, documentation, discard, Teredo
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::8.8.8.8")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1%2")]
    [InlineData("febf:ffff::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("3fff::1")]
    [InlineData("100::1")]
    [InlineData("2001::1")]
    [InlineData("64:ff9b:1::a00:1")]
    [InlineData("fbff:ffff::1")]
    [InlineData("fe00::1")]
    [InlineData("4000::1")]
    [InlineData("1fff::1")]
    // IPv4 carried in IPv6: mapped, NAT64, 6to4 — judged by the IPv4 address
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:0.0.0.0")]
    [InlineData("::ffff:7f00:1")]
    [InlineData("64:ff9b::127.0.0.1")]
    [InlineData("64:ff9b::192.168.1.1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2002:c0a8:101::1")]
    public void Why_NonPublicAddress_IsRefused(string text)
    {
        var address = IPAddress.Parse(text);

        Assert.False(PrivateAddresses.IsPublic(address), $"{text} ({address}) should be refused");
        Assert.NotNull(PrivateAddresses.Why(address));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.254")]
    [InlineData("93.184.215.14")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:82a::200e")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    public void Why_PublicAddress_IsAllowed(string text)
    {
        var address = IPAddress.Parse(text);

        Assert.True(PrivateAddresses.IsPublic(address), $"{text} should be public, but is {PrivateAddresses.Why(address)}");
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::1", "unspecified, loopback or IPv4-compatible")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("100.100.100.200", "shared address space (CGNAT)")]
    [InlineData("fd00::1", "unique local (private)")]
    public void Why_NamesTheKindOfAddress(string text, string why) =>
        Assert.Equal(why, PrivateAddresses.Why(IPAddress.Parse(text)));

    [Theory]
    [InlineData("[::1]", "::1")]
    [InlineData("LocalHost.", "localhost")]
    [InlineData(" Feeds.Example.COM ", "feeds.example.com")]
    public void Normalize_HostAsAllowancesStoreIt(string given, string stored) =>
        Assert.Equal(stored, OutboundGuard.Normalize(given));

    [Theory]
    [InlineData("http://2130706433/", "127.0.0.1")]
    [InlineData("http://[::1]:8080/x", "::1")]
    [InlineData("https://Intranet.Example/feed", "intranet.example")]
    [InlineData("http://0x7f.1/", "127.0.0.1")]
    public void HostOf_Url_IsTheHostTheGuardChecks(string url, string host) =>
        Assert.Equal(host, OutboundGuard.HostOf(new Uri(url)));
}
