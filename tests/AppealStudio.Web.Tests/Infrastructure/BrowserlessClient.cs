using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a browser without JavaScript: keeps cookies, does not follow redirects (tests
/// assert on them), reads forms from the returned HTML and posts them back with their antiforgery token.
/// </summary>
public sealed class BrowserlessClient : IDisposable
{
    private static readonly HtmlParser Parser = new();

    private BrowserlessClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    /// <summary>Who signed in with this client, so a test can run the same user's service calls.</summary>
    public string? Email { get; private set; }

    public static BrowserlessClient Create(WebApplicationFactory<Program> factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<BrowserlessClient> SignedInAsync(WebApplicationFactory<Program> factory, string email, string password = DemoPassword)
    {
        var client = Create(factory);
        var response = await client.SignInAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Sign-in as {email} should redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public const string DemoPassword = "Demo!Pass2026";

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        Email = email;
        var page = await GetDocumentAsync("/account/signin");
        return await SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} gave {(int)response.StatusCode}: {(response.StatusCode == HttpStatusCode.InternalServerError ? await response.Content.ReadAsStringAsync() : "")}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Posts the form found by <paramref name="selector"/> with its hidden fields plus the given values.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IDocument page, string selector, IDictionary<string, string> values)
    {
        var form = page.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches {selector}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            if (!values.ContainsKey(input.Name ?? ""))
            {
                fields.Add(new(input.Name!, input.Value));
            }
        }

        fields.AddRange(values);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : form.Action;
        var target = new Uri(action, UriKind.RelativeOrAbsolute);
        return await Http.PostAsync(target.IsAbsoluteUri ? target.PathAndQuery : action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts files the way the Imports form does (multipart, with the page's antiforgery token).</summary>
    public async Task<HttpResponseMessage> UploadAsync(IDocument page, string selector, params (string Name, byte[] Content)[] files)
    {
        var form = page.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches {selector}.");
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }

        var fileField = form.QuerySelector("input[type=file]")!.GetAttribute("name")!;
        foreach (var (name, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), fileField, name);
        }

        return await Http.PostAsync(form.GetAttribute("action")!, content);
    }

    public void Dispose() => Http.Dispose();
}
