using System.Net;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Invitations;
using Microsoft.AspNetCore.Hosting;

namespace EventEngine.Web.Tests.Pages.Account;

/// <summary>The account limits at two of each per window, on a host and database of their own.</summary>
public class TightLimitsAppFactory : AppFactory
{
    public TightLimitsAppFactory() : base(sharesHost: false) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder, TestDatabase database)
    {
        base.ConfigureWebHost(builder, database);
        builder.UseSetting("Limits:LoginFailuresPer15Minutes", "2");
        builder.UseSetting("Limits:RegistrationsPerHour", "2");
        builder.UseSetting("Limits:ResetRequestsPerHour", "2");
    }
}

public class AccountLimitsTests(TightLimitsAppFactory app) : IClassFixture<TightLimitsAppFactory>
{
    private static void AssertLimited(HttpResponseMessage response, IDocument page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single()), 1, 3600);
        Assert.Contains("Too many attempts from your network", page.QuerySelector(".validation-summary-errors")!.TextContent);
    }

    [Fact]
    public async Task Failed_logins_from_one_address_are_limited_for_every_instance_even_with_the_right_password_next()
    {
        var user = await app.CreateUserAsync("Lee");
        await using var second = app.AnotherInstance();
        var here = app.CreateAppClient();
        var there = new AppClient(second.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") }));

        Assert.Equal(HttpStatusCode.OK, (await here.PostFormAsync("/account/login", ("Input.Email", user.Email!), ("Input.Password", "wrong one"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await there.PostFormAsync("/account/login", ("Input.Email", "nobody@example.test"), ("Input.Password", "wrong two"))).StatusCode);
        var limited = await here.PostFormAsync("/account/login", ("Input.Email", user.Email!), ("Input.Password", AppFactory.Password));

        AssertLimited(limited, await AppClient.ParseAsync(limited));
    }

    [Fact]
    public async Task Registrations_and_reset_requests_from_one_address_are_limited_for_every_instance()
    {
        await using var second = app.AnotherInstance();
        var here = app.CreateAppClient();
        var there = new AppClient(second.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") }));

        Assert.Equal(HttpStatusCode.Redirect, (await here.RegisterAsync("Ann", TeamTestKit.Email("ann"), "/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAppClient().RegisterAsync("Ben", TeamTestKit.Email("ben"), "/events")).StatusCode);
        var third = await there.RegisterAsync("Cat", TeamTestKit.Email("cat"), "/events");
        AssertLimited(third, await AppClient.ParseAsync(third));

        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await there.PostFormAsync("/account/forgot-password", ("Input.Email", TeamTestKit.Email("who")))).StatusCode);
        var reset = await here.PostFormAsync("/account/forgot-password", ("Input.Email", TeamTestKit.Email("who")));
        AssertLimited(reset, await AppClient.ParseAsync(reset));
    }
}
