using System.Net;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Pages;

/// <summary>Addresses are made from page names; these tests follow them as a person clicking through would.</summary>
public class LinksTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Every_link_on_an_events_pages_opens_a_page()
    {
        var (client, admin) = await app.LoggedInAsync("Link Follower");
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Ada");
        var eventPath = $"/events/{e.Id}";

        var seen = new HashSet<string>();
        var queue = new Queue<(string Url, string From)>([("/events", "start")]);
        var problems = new List<string>();
        while (queue.TryDequeue(out var next) && seen.Count < 120)
        {
            // One visit per page and set of parameter names: enough to check where links lead, without every sort order.
            var key = next.Url.Split('?') is [var path, var query] ? path + "?" + string.Join('&', query.Split('&').Select(p => p.Split('=')[0]).Order()) : next.Url;
            if (!seen.Add(key)) continue;

            var response = await client.GetAsync(next.Url);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { IsAbsoluteUri: false } location)
            {
                queue.Enqueue((location.OriginalString, next.Url)); // "/" sends a logged-in person to their events
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{next.Url} (linked from {next.From}) answered {(int)response.StatusCode}");
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html" || !next.Url.StartsWith(eventPath) && next.Url != "/events") continue;

            var page = await AppClient.ParseAsync(response);
            foreach (var unrendered in page.QuerySelectorAll("[asp-page], [asp-route-eventId], [hx-page]"))
                problems.Add($"{next.Url}: a tag helper was not run on <{unrendered.LocalName}>");
            foreach (var link in page.QuerySelectorAll("a"))
            {
                var href = link.GetAttribute("href");
                if (string.IsNullOrEmpty(href)) problems.Add($"{next.Url}: the link “{link.TextContent.Trim()}” has no address");
                else if (href.StartsWith('/') && !href.StartsWith("//")) queue.Enqueue((WebUtility.HtmlDecode(href), next.Url));
            }
            foreach (var form in page.QuerySelectorAll("form[method=post]"))
                if (form.GetAttribute("action") is "") problems.Add($"{next.Url}: a form posts to an empty address");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The crawl reached the pages a host uses, through links alone.
        foreach (var page in new[] { "", "/guests", "/guests/add", "/guests/import", "/messages", "/messages/new", "/members", "/dashboard", "/edit" })
            Assert.Contains(eventPath + page, seen);
    }
}
