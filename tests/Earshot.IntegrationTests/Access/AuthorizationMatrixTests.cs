using System.Net;
using System.Text;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Access;

/// <summary>
/// Asserts <see cref="AuthorizationMatrix"/> against the running app: every endpoint and page handler has a row;
/// every role (admin, lead, agent, analyst) with every credential (write token, read token, cookie) and no one at all
/// gets what the row declares; and another workspace's ids answer "not found" while lists leave it out.
/// </summary>
public sealed class AuthorizationMatrixTests(PostgresServer postgres)
{
    private static readonly string[] RoleNames = ["admin", "lead", "agent", "analyst"];

    private enum Credential
    {
        None,
        WriteToken,
        ReadToken,
        Cookie,
    }

    [Fact]
    public async Task Every_endpoint_and_page_handler_has_exactly_one_row()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var endpoints = EndpointInventory.Of(app.Services);
        var declared = AuthorizationMatrix.Rows.Select(r => r.Key).ToList();

        var missing = endpoints.Except(declared, StringComparer.Ordinal).Select(key => $"new(\"{key}\", Who.?),").ToList();
        Assert.True(missing.Count == 0, "Declare who may call each new endpoint in AuthorizationMatrix.Rows:\n" + string.Join("\n", missing));
        Assert.Empty(declared.Except(endpoints, StringComparer.Ordinal));
        Assert.Empty(declared.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public async Task Every_role_and_credential_gets_what_its_row_declares()
    {
        // Every role signs in several times: more than the per-address limit on sign-in attempts allows.
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, services => services.AddSingleton(new Earshot.Access.SignInLimits(10_000)));
        var failures = new List<string>();
        using var anonymous = NoRedirects(app);
        foreach (var row in AuthorizationMatrix.Rows)
            Judge(row, "nobody", Credential.None, await SendAsync(anonymous, row, Ids.Random, csrf: null), failures);

        foreach (var role in RoleNames)
        {
            var email = $"matrix-{role}@default.test";
            using var write = Bearer(app, await app.ClientForAsync(email, role, "default"));
            using var read = Bearer(app, await app.ClientForAsync(email, role, "default", scope: "read"));
            var session = await SignInSession.StartAsync(app.Address, email, "password-" + role);
            try
            {
                foreach (var row in AuthorizationMatrix.Rows)
                {
                    Judge(row, role, Credential.WriteToken, await SendAsync(write, row, Ids.Random, csrf: null), failures);
                    Judge(row, role, Credential.ReadToken, await SendAsync(read, row, Ids.Random, csrf: null), failures);
                    Judge(row, role, Credential.Cookie, await SendAsync(session.Client, row, Ids.Random, await CsrfAsync(session)), failures);
                    if (row.Route == "/logout")
                    {
                        session.Dispose();
                        session = await SignInSession.StartAsync(app.Address, email, "password-" + role);
                    }
                }
            }
            finally
            {
                session.Dispose();
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} answers differ from the matrix:\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Another_workspaces_ids_answer_not_found_and_lists_leave_it_out(DatabaseKind kind)
    {
        var brands = await TwoBrands.StartAsync(kind, postgres);
        await using var app = brands.App;
        using var lead = Bearer(app, brands.AcmeLead);
        using var session = await SignInSession.StartAsync(app.Address, "lea@acme.test", "password-lead");
        var failures = new List<string>();

        foreach (var row in AuthorizationMatrix.Rows.Where(r => r.Names != Names.Nothing && r.Who != Who.Admins))
        {
            var client = row.IsApi ? lead : session.Client;
            var csrf = row.IsApi ? null : await CsrfAsync(session);
            var other = await SendAsync(client, row, names => brands.Globex[names], csrf);
            if (other.StatusCode != HttpStatusCode.NotFound)
                failures.Add($"{row.Key} with globex's {row.Names}: {(int)other.StatusCode}, not 404");
            if (!row.IsUnsafe && brands.Acme.ContainsKey(row.Names) && !row.Route.Contains("attachments", StringComparison.Ordinal))
            {
                var own = await SendAsync(client, row, names => brands.Acme[names], csrf);
                if (own.StatusCode != HttpStatusCode.OK)
                    failures.Add($"{row.Key} with acme's own {row.Names}: {(int)own.StatusCode}, not 200");
            }
        }

        // Streams never end, and the hubs speak their own protocol: the rest is read whole.
        var lists = AuthorizationMatrix.Rows.Where(r => r.Method == "GET" && r.Who is not (Who.Anyone or Who.Admins)
            && !r.Route.Contains('{') && r.Route is not ("/api/events" or "/logout" or "/"));
        foreach (var row in lists)
        {
            var response = await SendAsync(row.IsApi ? lead : session.Client, row, Ids.Random, csrf: null);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
                failures.Add($"{row.Key}: {(int)response.StatusCode} for acme's lead");
            else if (body.Contains("globex", StringComparison.OrdinalIgnoreCase))
                failures.Add($"{row.Key} shows acme's lead something of globex's: …{Around(body, "globex")}…");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static class Ids
    {
        public static Guid Random(Names names) => Guid.NewGuid();
    }

    private static void Judge(MatrixRow row, string role, Credential credential, HttpResponseMessage response, List<string> failures)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var toLogin = status == 302 && location.Contains("/login", StringComparison.Ordinal);
        string? wrong = null;
        if (status >= 500)
            wrong = "a server error";
        else if (row.Who == Who.Anyone)
            wrong = toLogin || status == 401 && !row.IsApi ? "asked to sign in" : null;
        else if (credential == Credential.None || (!row.IsApi && credential is Credential.WriteToken or Credential.ReadToken))
            wrong = (row.IsApi ? status == 401 : toLogin) ? null : "let in without a sign-in";
        else if (!Allows(row.Who, role))
            wrong = status == 403 ? null : "let in a role the row does not allow";
        else if (credential == Credential.ReadToken && row.IsUnsafe && !row.Route.StartsWith("/hubs/", StringComparison.Ordinal))
            wrong = status == 403 ? null : "a read-only token changed something";
        // Signing out sends the browser to the sign-in page: that is its success.
        else if (status is 401 or 403 || (toLogin && row.Key != "POST /logout"))
            wrong = "refused a caller the row allows";
        if (wrong is not null)
            failures.Add($"{row.Key} as {role} with {credential}: {status} {location} ({wrong})");
    }

    private static bool Allows(Who who, string role) => who switch
    {
        Who.Anyone or Who.SignedIn => true,
        Who.CaseWorkers => role is "admin" or "lead" or "agent",
        Who.Leads => role is "admin" or "lead",
        Who.Admins => role == "admin",
        _ => false,
    };

    /// <summary>Sends the row's request with its route values filled in: a body of "{}" to the API, the form's token to pages.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, MatrixRow row, Func<Names, Guid> idOf, string? csrf)
    {
        var path = row.Route
            .Replace("{id:guid}", idOf(row.Names).ToString(), StringComparison.Ordinal)
            .Replace("{postId:guid}", idOf(row.Names).ToString(), StringComparison.Ordinal)
            .Replace("{index:int}", "0", StringComparison.Ordinal)
            .Replace("{channel}", "no-such-channel", StringComparison.Ordinal)
            .Replace("{**rest}", "messages", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal);
        // A search needs a query: one that finds globex's posts, so a leak to acme's lead shows in the body.
        if (row.Route == "/api/search")
            path += "?q=" + Uri.EscapeDataString("globex OR launch");
        // Page handlers that act on one thing take its id from the query (the forms post it as a field).
        if (!row.IsApi && row.Names != Names.Nothing && !row.Route.Contains("{id", StringComparison.Ordinal))
            path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "id=" + idOf(row.Names);
        var method = row.Method switch
        {
            "ANY" => path.EndsWith("/negotiate", StringComparison.Ordinal) ? "POST" : "GET",
            var verb => verb,
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is not ("GET" or "HEAD"))
        {
            if (row.IsApi || row.Who == Who.Anyone && row.Route.StartsWith("/api/", StringComparison.Ordinal))
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                if (csrf is not null)
                    request.Headers.Add("RequestVerificationToken", csrf);
            }
            else
            {
                request.Content = new FormUrlEncodedContent(csrf is null ? [] : [new("__RequestVerificationToken", csrf)]);
            }
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (row.Route == "/api/events")
            response.Dispose();
        return response;
    }

    private static Task<string> CsrfAsync(SignInSession session) => session.AntiforgeryTokenAsync();

    private static HttpClient NoRedirects(TestApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(60) };

    private static HttpClient Bearer(TestApp app, HttpClient signedIn)
    {
        var client = NoRedirects(app);
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    private static string Around(string text, string word)
    {
        var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        return text[Math.Max(0, at - 80)..Math.Min(text.Length, at + 80)];
    }
}
