using System.Net;
using System.Text.RegularExpressions;

namespace AppealStudio.Bench.Load;

/// <summary>Signs a cookie-carrying HttpClient in through the static sign-in form, antiforgery token included.</summary>
public static partial class SignIn
{
    public static HttpClient NewClient(string baseUrl, CookieContainer cookies) =>
        new(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Posts the sign-in form; throws when the app does not answer with the redirect of a successful sign-in.</summary>
    public static async Task AsAsync(HttpClient client, string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative), cancellationToken);
        var fields = HiddenInput().Matches(form)
            .Select(m => (Name: Attr(m.Value, "name"), Value: WebUtility.HtmlDecode(Attr(m.Value, "value"))))
            .Where(f => f.Name.Length > 0)
            .Concat([("Input.Email", email), ("Input.Password", password)])
            .ToDictionary(f => f.Item1, f => f.Item2, StringComparer.Ordinal);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("signin", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    private static string Attr(string tag, string name)
    {
        var match = Regex.Match(tag, "\\s" + name + "=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value : "";
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();
}
