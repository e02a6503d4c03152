using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>An HttpClient that behaves like a browser form: it fetches the antiforgery token the way a page would.</summary>
public sealed class AppClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public async Task<HttpResponseMessage> GetAsync(string url) => await http.GetAsync(url);

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    /// <summary>A table row partial, parsed inside a table (the HTML parser drops a bare tr).</summary>
    public static async Task<IHtmlDocument> ParseRowAsync(HttpResponseMessage response) =>
        await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync("<table><tbody>" + await response.Content.ReadAsStringAsync() + "</tbody></table>");

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The request token from the layout's meta tag, as app.js sends it with HTMX requests.</summary>
    public async Task<string> AntiforgeryTokenAsync(string fromUrl = "/account/login")
    {
        var page = await ParseAsync(await http.GetAsync(fromUrl));
        return page.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content")
            ?? throw new InvalidOperationException($"No antiforgery token on {fromUrl}.");
    }

    /// <summary>Posts a form like a browser: with the antiforgery token field.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string tokenFrom = "/account/login")
    {
        var token = await AntiforgeryTokenAsync(tokenFrom);
        return await http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    public Task<HttpResponseMessage> PostFormAsync(string url, params (string Name, string Value)[] fields) =>
        PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Posts as HTMX does: HX-Request header and the token in the RequestVerificationToken header.</summary>
    public async Task<HttpResponseMessage> PostHtmxAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");
        if (withToken) request.Headers.Add("RequestVerificationToken", await AntiforgeryTokenAsync());
        return await http.SendAsync(request);
    }

    /// <summary>Uploads a file as the import form does (multipart, field "Upload").</summary>
    public Task<HttpResponseMessage> PostFileAsync(string url, string fileName, byte[] content) =>
        PostMultipartAsync(url, [], ("Upload", fileName, content));

    /// <summary>Posts a multipart form like a browser, with the antiforgery token and optionally one file.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string url, IEnumerable<KeyValuePair<string, string>> fields,
        (string Field, string FileName, byte[] Content)? file = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(await AntiforgeryTokenAsync()), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        if (file is { } f) form.Add(new ByteArrayContent(f.Content), f.Field, f.FileName);
        return await http.PostAsync(url, form);
    }

    /// <summary>Gets as HTMX does, optionally naming the element the response will be swapped into.</summary>
    public async Task<HttpResponseMessage> GetHtmxAsync(string url, string? target = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        if (target is not null) request.Headers.Add("HX-Target", target);
        return await http.SendAsync(request);
    }

    public async Task LogInAsync(string email, string password)
    {
        var response = await PostFormAsync("/account/login", ("Input.Email", email), ("Input.Password", password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
