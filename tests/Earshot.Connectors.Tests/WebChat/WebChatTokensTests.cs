using System.Text.Json;
using Earshot.Connectors.WebChat;
using Xunit;

namespace Earshot.Connectors.Tests.WebChat;

public sealed class WebChatTokensTests
{
    private const string Secret = "webchat-secret-0123456789abcdef0123456789";
    private static readonly Guid Channel = Guid.Parse("0199a000-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_763_888_400);

    private static VisitorSession Session(DateTimeOffset expires) =>
        new(Channel, "s0123", "ana@example.com", "Ana", "ana@example.com", false, expires);

    [Fact]
    public void ReadSession_IssuedBySameSecret_GivesTheSessionBack()
    {
        var token = WebChatTokens.IssueSession(Secret, Session(Now.AddDays(1)));

        var verdict = WebChatTokens.ReadSession(Secret, Channel, token, Now, out var session);

        Assert.Equal(TokenVerdict.Valid, verdict);
        Assert.Equal(Session(Now.AddDays(1)), session);
    }

    [Fact]
    public void ReadSession_Expired_Refused()
    {
        var token = WebChatTokens.IssueSession(Secret, Session(Now));

        Assert.Equal(TokenVerdict.Expired, WebChatTokens.ReadSession(Secret, Channel, token, Now, out var session));
        Assert.Null(session);
    }

    [Fact]
    public void ReadSession_PayloadChanged_BadSignature()
    {
        var token = WebChatTokens.IssueSession(Secret, Session(Now.AddDays(1)));
        var (payload, signature) = (token[..token.IndexOf('.', StringComparison.Ordinal)], token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(System.Buffers.Text.Base64Url.DecodeFromChars(payload))!;
        claims["h"] = JsonSerializer.SerializeToElement("boss@example.com");
        var forged = System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims)) + "." + signature;

        Assert.Equal(TokenVerdict.BadSignature, WebChatTokens.ReadSession(Secret, Channel, forged, Now, out _));
    }

    [Fact]
    public void ReadSession_SignedWithAnotherSecret_BadSignature()
    {
        var token = WebChatTokens.IssueSession("another-secret-0123456789abcdef01234567", Session(Now.AddDays(1)));

        Assert.Equal(TokenVerdict.BadSignature, WebChatTokens.ReadSession(Secret, Channel, token, Now, out _));
    }

    [Fact]
    public void ReadSession_OtherChannel_WrongChannel()
    {
        var token = WebChatTokens.IssueSession(Secret, Session(Now.AddDays(1)));

        Assert.Equal(TokenVerdict.WrongChannel, WebChatTokens.ReadSession(Secret, Guid.CreateVersion7(), token, Now, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("abc.!!!")]
    public void ReadSession_Garbage_Malformed(string? token) =>
        Assert.Equal(TokenVerdict.Malformed, WebChatTokens.ReadSession(Secret, Channel, token, Now, out _));

    [Fact]
    public void Tokens_OfOneKind_NeverPassAsTheOther()
    {
        var visitor = WebChatTokens.SignVisitor(Secret, new BrandVisitor("cust-42", "ana@example.com", "Ana", Now.AddHours(1)));
        var session = WebChatTokens.IssueSession(Secret, Session(Now.AddDays(1)));

        Assert.Equal(TokenVerdict.WrongType, WebChatTokens.ReadSession(Secret, Channel, visitor, Now, out _));
        Assert.Equal(TokenVerdict.WrongType, WebChatTokens.ReadVisitor(Secret, session, Now, out _));
    }

    [Fact]
    public void ReadVisitor_SignedByTheBrand_GivesTheCustomer()
    {
        var token = WebChatTokens.SignVisitor(Secret, new BrandVisitor("cust-42", "ana@example.com", "Ana", Now.AddHours(1)));

        Assert.Equal(TokenVerdict.Valid, WebChatTokens.ReadVisitor(Secret, token, Now, out var visitor));
        Assert.Equal(new BrandVisitor("cust-42", "ana@example.com", "Ana", Now.AddHours(1)), visitor);
        Assert.Equal(TokenVerdict.Expired, WebChatTokens.ReadVisitor(Secret, token, Now.AddHours(1), out _));
        Assert.Equal(TokenVerdict.BadSignature, WebChatTokens.ReadVisitor("another-secret-0123456789abcdef01234567", token, Now, out _));
    }

    [Fact]
    public void ReadVisitor_WithoutSubject_Malformed()
    {
        var token = WebChatTokens.SignVisitor(Secret, new BrandVisitor("", "ana@example.com", null, Now.AddHours(1)));

        Assert.Equal(TokenVerdict.Malformed, WebChatTokens.ReadVisitor(Secret, token, Now, out _));
    }

    [Theory]
    [InlineData("https://Brand.Example", "https://brand.example")]
    [InlineData("https://brand.example:443/", "https://brand.example")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("https://brand.example/shop", null)]
    [InlineData("ftp://brand.example", null)]
    [InlineData("null", null)]
    public void Normalize_Origins_AsBrowsersSendThem(string origin, string? expected) =>
        Assert.Equal(expected, WebChatOrigins.Normalize(origin));
}
