using System.Net;
using System.Text.RegularExpressions;

namespace Earshot.IntegrationTests.Access;

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

    /// <summary>Posts the login form; returns the page's answer (a redirect on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var form = await Client.GetAsync("/login");
        var token = FormToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
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
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var page = await Client.GetAsync("/mentions");
        var token = MetaToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the page had no anti-forgery token");
        return await Client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

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
