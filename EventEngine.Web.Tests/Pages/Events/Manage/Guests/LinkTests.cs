using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests;

public class LinkTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Without_whatsapp_on_the_server_a_host_can_share_a_guests_link_on_whatsapp_by_hand()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin, "Garden Party");
        var withPhone = await app.AddGuestAsync(e.Id, "Cai", g => g.Phone = "+447400900201");
        var emailOnly = await app.AddGuestAsync(e.Id, "Bea");

        var box = await AppClient.ParseAsync(await client.PostHtmxAsync($"/events/{e.Id}/guests/link/{withPhone.Id}", []));
        var other = await AppClient.ParseAsync(await client.PostHtmxAsync($"/events/{e.Id}/guests/link/{emailOnly.Id}", []));

        var url = box.QuerySelector("[data-testid=rsvp-url]")!.GetAttribute("value")!;
        var share = new Uri(box.QuerySelector("[data-testid=share-whatsapp]")!.GetAttribute("href")!);
        Assert.Equal(("wa.me", "/447400900201"), (share.Host, share.AbsolutePath));
        Assert.Equal($"Garden Party\nReply here: {url}", Uri.UnescapeDataString(share.Query["?text=".Length..]));
        Assert.Contains("to +44 7400 900201", box.QuerySelector("[data-testid=share-whatsapp]")!.ParentElement!.TextContent);
        // No number: WhatsApp asks whom to send it to.
        Assert.StartsWith("https://wa.me/?text=", other.QuerySelector("[data-testid=share-whatsapp]")!.GetAttribute("href"));
    }
}
