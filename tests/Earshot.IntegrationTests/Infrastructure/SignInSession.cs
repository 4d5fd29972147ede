using System.Net;
using System.Text.RegularExpressions;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>A browser-like client: signs in through the real login form and keeps the cookie, which a test may copy.</summary>
public sealed partial class SignInSession : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly Uri _address;

    public SignInSession(Uri address)
    {
        _address = address;
        Client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public HttpClient Client { get; }

    /// <summary>A new session, signed in (the test fails unless the sign-in worked).</summary>
    public static async Task<SignInSession> StartAsync(Uri address, string email, string password)
    {
        var session = new SignInSession(address);
        await session.SignInOrFailAsync(email, password);
        return session;
    }

    /// <summary>Posts the login form; returns the page's answer (a redirect on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var form = await Client.GetAsync("/login");
        var token = FormTokenIn(await form.Content.ReadAsStringAsync());
        return await Client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Signs in and fails the test unless it worked.</summary>
    public async Task SignInOrFailAsync(string email, string password)
    {
        var response = await SignInAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Presses "Sign out" on a page, as a person would.</summary>
    public async Task<HttpResponseMessage> SignOutAsync() =>
        await Client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync() }));

    /// <summary>The session's anti-forgery token, as the pages give it to their scripts (for forms and API writes alike).</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var token = MetaToken().Match(await Client.GetStringAsync("/mentions")).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the page had no anti-forgery token");
        return token;
    }

    /// <summary>Submits a form to <paramref name="path"/> with the session's anti-forgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync();
        return await Client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The anti-forgery token of the first form in <paramref name="html"/>.</summary>
    public static string FormTokenIn(string html) => FormToken().Match(html).Groups[1].Value;

    /// <summary>A second client that sends a copy of this session's cookie as it is now (a stolen or copied cookie).</summary>
    public HttpClient CopyCookie()
    {
        var header = _cookies.GetCookieHeader(_address);
        Assert.Contains("earshot=", header, StringComparison.Ordinal);
        var copy = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _address };
        copy.DefaultRequestHeaders.Add("Cookie", header);
        return copy;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();
}
