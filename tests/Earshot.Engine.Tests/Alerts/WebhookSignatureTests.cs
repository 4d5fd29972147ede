using System.Security.Cryptography;
using System.Text;
using Earshot.Engine.Alerts.Delivery;
using Xunit;

namespace Earshot.Engine.Tests.Alerts;

public class WebhookSignatureTests
{
    private const string Secret = "s3cret-s3cret-s3cret";
    private const string Body = """{"type":"alert.opened"}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    [Fact]
    public void Sign_IsHmacSha256OfTimestampDotBody_InLowerHex()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1767225600." + Body)));

        Assert.Equal("sha256=" + expected, WebhookSignature.Sign(Secret, 1_767_225_600, Body));
    }

    [Fact]
    public void Verify_OwnSignature_Accepts()
    {
        var signature = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(Secret, "1767225600", signature, Body, Now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("other-secret-other", "1767225600", Body)]
    [InlineData(Secret, "1767225601", Body)]
    [InlineData(Secret, "1767225600", """{"type":"alert.closed"}""")]
    [InlineData(Secret, "not-a-number", Body)]
    public void Verify_AnythingChanged_Rejects(string secret, string timestamp, string body)
    {
        var signature = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.False(WebhookSignature.Verify(secret, timestamp, signature, body, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verify_OldTimestamp_RejectsAsReplay()
    {
        var signature = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.False(WebhookSignature.Verify(Secret, "1767225600", signature, Body, Now.AddMinutes(10), TimeSpan.FromMinutes(5)));
    }
}
