using System.Net;
using System.Text.RegularExpressions;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Data;

public partial class KeyRingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static HttpClient Raw(WebApplicationFactory<Program> host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string cookies, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_login_and_a_form_token_from_one_instance_are_accepted_by_another()
    {
        var user = await app.CreateUserAsync("Kim");
        await using var first = app.AnotherInstance();
        await using var second = app.AnotherInstance();
        var one = Raw(first);
        var other = Raw(second);

        // Log in on the first instance: its antiforgery cookie and token, then its login cookie.
        var form = await one.GetAsync("/account/login");
        var antiforgery = Cookies(form);
        var token = CsrfToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var login = await SendAsync(one, HttpMethod.Post, "/account/login", antiforgery,
            new() { ["Input.Email"] = user.Email!, ["Input.Password"] = AppFactory.Password, ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookies = antiforgery + "; " + Cookies(login);

        // The other instance knows the person, and takes a form token the first one issued to them.
        var page = await SendAsync(one, HttpMethod.Get, "/events/new", cookies);
        token = CsrfToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var events = await SendAsync(other, HttpMethod.Get, "/events", cookies);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Contains("Kim", await events.Content.ReadAsStringAsync());
        var created = await SendAsync(other, HttpMethod.Post, "/events/new", cookies, new()
        {
            ["Input.Name"] = "Shared keys party",
            ["Input.StartsAt"] = "2027-06-12T15:00",
            ["Input.TimeZoneId"] = "Europe/London",
            ["Input.DefaultCountry"] = "GB",
            ["__RequestVerificationToken"] = token,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();
}
