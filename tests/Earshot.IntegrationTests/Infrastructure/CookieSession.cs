using System.Net;
using System.Text.RegularExpressions;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>A browser's view of the pages without a browser: a cookie jar, no redirects followed, forms sent with their anti-forgery token.</summary>
public sealed partial class CookieSession : IDisposable
{
    private CookieSession(Uri address) =>
        Client = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = address };

    public HttpClient Client { get; }

    public static async Task<CookieSession> SignInAsync(TestApp app, string email, string password)
    {
        var session = new CookieSession(app.Address);
        var signedIn = await session.PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = password });
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email} answered {(int)signedIn.StatusCode}");
        return session;
    }

    /// <summary>Loads the form's page (for its anti-forgery token), then submits the form to <paramref name="path"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await Client.GetStringAsync(formPage ?? path.Split('?')[0]);
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value;
        return await Client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
