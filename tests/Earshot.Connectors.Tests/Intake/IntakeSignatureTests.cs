using System.Globalization;
using System.Text;
using Earshot.Connectors.Intake;
using Xunit;

namespace Earshot.Connectors.Tests.Intake;

public sealed class IntakeSignatureTests
{
    private const string Secret = "intake-secret-0123456789";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"1","channel":"webchat","author":"a","text":"hi"}""");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_763_888_400);

    [Theory]
    [InlineData(0, IntakeVerdict.Valid)]
    [InlineData(-300, IntakeVerdict.Valid)]
    [InlineData(300, IntakeVerdict.Valid)]
    [InlineData(-301, IntakeVerdict.Stale)]
    [InlineData(301, IntakeVerdict.Stale)]
    public void Check_TimestampWindow_FiveMinutesEitherWay(int offsetSeconds, IntakeVerdict expected)
    {
        var timestamp = Now.ToUnixTimeSeconds() + offsetSeconds;

        var verdict = IntakeSignature.Check(Secret, timestamp.ToString(CultureInfo.InvariantCulture), IntakeSignature.Sign(Secret, timestamp, Body), Body, Now);

        Assert.Equal(expected, verdict);
    }

    [Fact]
    public void Check_TimestampIsSigned_ChangingItBreaksTheSignature()
    {
        var signature = IntakeSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.Equal(IntakeVerdict.Mismatch, IntakeSignature.Check(Secret, (Now.ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture), signature, Body, Now));
    }

    [Theory]
    [InlineData(null, "sha256=00", IntakeVerdict.Missing)]
    [InlineData("1763888400", null, IntakeVerdict.Missing)]
    [InlineData("yesterday", "sha256=0000000000000000000000000000000000000000000000000000000000000000", IntakeVerdict.Malformed)]
    [InlineData("1763888400", "md5=abc", IntakeVerdict.Malformed)]
    [InlineData("1763888400", "sha256=zz00000000000000000000000000000000000000000000000000000000000000", IntakeVerdict.Malformed)]
    [InlineData("1763888400", "sha256=0000000000000000000000000000000000000000000000000000000000000000", IntakeVerdict.Mismatch)]
    public void Check_BadHeaders_Refused(string? timestamp, string? signature, IntakeVerdict expected) =>
        Assert.Equal(expected, IntakeSignature.Check(Secret, timestamp, signature, Body, Now));

    [Fact]
    public void Sign_KnownVector_HexOfHmacOverTimestampDotBody()
    {
        // Computed with: printf '%s' '1763888400.<body>' | openssl dgst -sha256 -hmac intake-secret-0123456789
        const string expected = "sha256=e471b39a661e0cdc213396a62a7678141a40c1afebcbe3c830878745f3b2e1be";

        Assert.Equal(expected, IntakeSignature.Sign(Secret, 1_763_888_400, Body));
    }
}
