using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Rsvp;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests;

public class IndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<string> Names(IDocument page) =>
        page.QuerySelectorAll("tr[data-guest-row] [data-field=name]").Select(e => e.TextContent.Trim()).ToList();

    private static string Text(IElement e) => System.Text.RegularExpressions.Regex.Replace(e.TextContent, @"\s+", " ").Trim();

    [Fact]
    public async Task An_empty_guest_list_offers_the_three_ways_to_add_guests_instead_of_zero_counts_and_filters()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var empty = await client.GetPageAsync($"/events/{e.Id}/guests");

        Assert.Equal(["Add a guest", "Import a file", "Add a household"], empty.QuerySelectorAll("[data-testid=empty-actions] a").Select(Text));
        Assert.Equal([$"/events/{e.Id}/guests/add", $"/events/{e.Id}/guests/import", $"/events/{e.Id}/guests/household"],
            empty.QuerySelectorAll("[data-testid=empty-actions] a").Select(a => a.GetAttribute("href")));
        Assert.True(empty.QuerySelector("#guest-counts")!.HasAttribute("hidden"));
        Assert.True(empty.QuerySelector("#guest-filter")!.HasAttribute("hidden"));

        await app.AddGuestAsync(e.Id, "Ann");
        var one = await client.GetPageAsync($"/events/{e.Id}/guests");

        Assert.False(one.QuerySelector("#guest-counts")!.HasAttribute("hidden"));
        Assert.False(one.QuerySelector("#guest-filter")!.HasAttribute("hidden"));
        Assert.Null(one.QuerySelector("[data-testid=empty-actions]"));
    }

    [Fact]
    public async Task Each_count_opens_the_guests_behind_it_in_one_click()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Ann", g => g.Status = GuestStatus.Confirmed);
        await app.AddGuestAsync(e.Id, "Ben", g => g.Status = GuestStatus.Declined);
        await app.AddGuestAsync(e.Id, "Cal");

        foreach (var from in new[] { $"/events/{e.Id}", $"/events/{e.Id}/guests" })
        {
            var page = await client.GetPageAsync(from);
            string Link(string count) => page.QuerySelector($"[data-count={count}]")!.Closest("a")!.GetAttribute("href")!;

            Assert.Equal($"/events/{e.Id}/guests", Link("guests"));
            Assert.Equal($"/events/{e.Id}/guests?status=Invited", Link("waiting"));
            Assert.Equal($"/events/{e.Id}/guests?status=Confirmed", Link("confirmed"));
            Assert.Equal($"/events/{e.Id}/guests?status=Declined", Link("declined"));
        }
        // Who hasn't answered: the waiting tile's list holds exactly them.
        Assert.Equal(["Cal"], Names(await client.GetPageAsync($"/events/{e.Id}/guests?status=Invited")));
    }

    [Fact]
    public async Task The_header_counts_guests_answers_headcount_and_sides()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Ann", g => { g.Side = "Bride"; g.Status = GuestStatus.Confirmed; g.PlusOnesAllowed = 2; g.PlusOnesComing = 2; });
        await app.AddGuestAsync(e.Id, "Ben", g => { g.Side = "Bride"; g.Status = GuestStatus.Declined; g.PlusOnesAllowed = 1; });
        await app.AddGuestAsync(e.Id, "Cal", g => { g.Side = "Groom"; g.Status = GuestStatus.Confirmed; });
        await app.AddGuestAsync(e.Id, "Dee", g => g.PlusOnesAllowed = 1);

        var page = await client.GetPageAsync($"/events/{e.Id}/guests");

        string Count(string name) => page.QuerySelector($"#guest-counts [data-count={name}]")!.TextContent.Trim();
        Assert.Equal(("4", "2", "1", "1", "50%"), (Count("guests"), Count("confirmed"), Count("declined"), Count("waiting"), Count("rate")));
        Assert.Equal("4", Count("headcount")); // Ann and her two plus-ones, and Cal
        Assert.Contains("of up to 6", page.QuerySelector("#guest-counts")!.TextContent); // everyone not declined, every plus-one allowed
        Assert.Contains("2 guests · 1 confirmed · 1 declined · 3 coming", page.QuerySelector("[data-side=Bride]")!.TextContent);
        Assert.Contains("1 guest · 1 confirmed · 0 declined · 1 coming", page.QuerySelector("[data-side=Groom]")!.TextContent);
    }

    [Fact]
    public async Task Search_ignores_case_and_accents_and_matches_parts_of_names_emails_and_phones()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Zoë", g => g.LastName = "Ångström");
        await app.AddGuestAsync(e.Id, "ZOE", g => { g.LastName = "Smith"; g.Email = "zsmith@beispiel.de"; });
        await app.AddGuestAsync(e.Id, "Chloé", g => { g.LastName = "Martin"; g.Phone = "+447700900123"; g.Email = null; });
        await app.AddGuestAsync(e.Id, "100%_real", g => g.LastName = "Percent");

        async Task<List<string>> Search(string q) => Names(await client.GetPageAsync($"/events/{e.Id}/guests?q={Uri.EscapeDataString(q)}")).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["ZOE Smith", "Zoë Ångström"], await Search("zoe"));
        Assert.Equal(["Zoë Ångström"], await Search("ANGSTR"));
        Assert.Equal(["Zoë Ångström"], await Search("zoë ångs"));
        Assert.Equal(["ZOE Smith"], await Search("beispiel"));
        Assert.Equal(["Chloé Martin"], await Search("07700 900"));
        Assert.Equal(["Chloé Martin"], await Search("+44 7700"));
        Assert.Equal(["Chloé Martin"], await Search("CHLOE mart"));
        Assert.Equal(["100%_real Percent"], await Search("0%_"));
        Assert.Empty(await Search("zoe martin"));
    }

    [Fact]
    public async Task Filters_narrow_the_table_by_status_side_tag_household_and_who_added()
    {
        var (client, admin) = await app.LoggedInAsync();
        var other = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var household = await app.QueryAsync(async db =>
        {
            var h = new Household { Id = Guid.NewGuid(), EventId = e.Id, Name = "The Okafors", CreatedAt = DateTime.UtcNow };
            db.Households.Add(h);
            await db.SaveChangesAsync();
            return h;
        });
        await app.AddGuestAsync(e.Id, "Ada", g => { g.Status = GuestStatus.Confirmed; g.Side = "Bride"; g.Tags = ["family"]; g.HouseholdId = household.Id; g.AddedById = admin.Id; });
        await app.AddGuestAsync(e.Id, "Bo", g => { g.Status = GuestStatus.Declined; g.Side = "Groom"; g.Tags = ["work", "family"]; g.AddedById = other.Id; });
        await app.AddGuestAsync(e.Id, "Cy", g => { g.Side = null; g.AddedById = admin.Id; });

        async Task<List<string>> Filter(string query) => Names(await client.GetPageAsync($"/events/{e.Id}/guests?{query}")).Order().ToList();

        Assert.Equal(["Ada"], await Filter("status=Confirmed"));
        Assert.Equal(["Bo"], await Filter("side=Groom"));
        Assert.Equal(["Cy"], await Filter("side=(none)"));
        Assert.Equal(["Ada", "Bo"], await Filter("tag=family"));
        Assert.Equal(["Ada"], await Filter($"household={household.Id}"));
        Assert.Equal(["Ada", "Cy"], await Filter("mine=true"));
        Assert.Equal(["Ada"], await Filter("mine=true&tag=family"));
        Assert.Equal(["Ada", "Bo", "Cy"], await Filter("status=Bogus&page=abc&household=nope"));
    }

    [Fact]
    public async Task Columns_sort_both_ways_and_pages_hold_fifty_guests()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        for (var i = 0; i < 60; i++)
            await app.AddGuestAsync(e.Id, $"Guest{i:D2}", g => { g.LastName = "Zed"; g.TableName = $"T{59 - i:D2}"; });

        var first = await client.GetPageAsync($"/events/{e.Id}/guests");
        var second = await client.GetPageAsync($"/events/{e.Id}/guests?page=2");
        var byTableDesc = await client.GetPageAsync($"/events/{e.Id}/guests?sort=table&desc=true");

        Assert.Equal(50, Names(first).Count);
        Assert.Equal("Guest00 Zed", Names(first)[0]);
        Assert.Equal([.. Enumerable.Range(50, 10).Select(i => $"Guest{i:D2} Zed")], Names(second));
        Assert.Equal("Showing 51–60 of 60 guests", Text(second.QuerySelector("[data-testid=results-summary]")!));
        Assert.Equal("Guest00 Zed", Names(byTableDesc)[0]); // table T59
        Assert.Equal("descending", byTableDesc.QuerySelector("th[aria-sort=descending]")!.GetAttribute("aria-sort"));
        Assert.NotNull(second.QuerySelector("a[rel=prev]"));
        Assert.Null(second.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Names_sort_by_last_name_or_the_only_name_ignoring_case_and_accents()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Zed", g => g.LastName = "Ångström");
        await app.AddGuestAsync(e.Id, "Madonna");
        await app.AddGuestAsync(e.Id, "amy", g => g.LastName = "baker");
        await app.AddGuestAsync(e.Id, "Ben", g => g.LastName = "Baker");

        var page = await client.GetPageAsync($"/events/{e.Id}/guests");
        var reversed = await client.GetPageAsync($"/events/{e.Id}/guests?desc=true");

        Assert.Equal(["Zed Ångström", "amy baker", "Ben Baker", "Madonna"], Names(page));
        Assert.Equal(["Madonna", "Ben Baker", "amy baker", "Zed Ångström"], Names(reversed));
    }

    [Fact]
    public async Task An_htmx_request_gets_only_the_results_and_a_clean_url_for_the_address_bar()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Ada", g => g.Status = GuestStatus.Confirmed);

        var response = await client.GetHtmxAsync($"/events/{e.Id}/guests?q=&status=Confirmed&side=&tag=&household=&sort=status", "guest-results");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html);
        Assert.Contains("id=\"guest-results\"", html);
        Assert.Contains("Ada", html);
        Assert.Equal($"/events/{e.Id}/guests?status=Confirmed&sort=status", response.Headers.GetValues("HX-Push-Url").Single());
        Assert.Contains("HX-Request", response.Headers.Vary);

        var counts = await client.GetHtmxAsync($"/events/{e.Id}/guests", "guest-counts");
        var countsHtml = await counts.Content.ReadAsStringAsync();
        Assert.StartsWith("<section id=\"guest-counts\"", countsHtml.Trim());
    }

    [Fact]
    public async Task A_viewer_sees_the_guests_but_no_way_to_change_or_export_them()
    {
        var (_, admin) = await app.LoggedInAsync();
        var (viewer, viewerUser) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddMemberAsync(e.Id, viewerUser, EventRole.Viewer);
        await app.AddGuestAsync(e.Id, "Ada");

        var page = await viewer.GetPageAsync($"/events/{e.Id}/guests");

        Assert.Equal(["Ada"], Names(page));
        Assert.Null(page.QuerySelector("#bulk-form"));
        Assert.Null(page.QuerySelector("#add-guest-panel"));
        Assert.Null(page.QuerySelector("[data-export-link]"));
        Assert.Empty(page.QuerySelectorAll("a[hx-get*='handler=row']"));
    }

    [Fact]
    public async Task Names_with_markup_are_shown_as_text()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "<script>alert(1)</script>", g => g.Tags = ["<b>x</b>"]);

        var response = await client.GetAsync($"/events/{e.Id}/guests");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.DoesNotContain("<b>x</b>", html);
        Assert.Equal(["<script>alert(1)</script>"], Names(await AppClient.ParseAsync(response)));
    }

    [Fact]
    public async Task The_export_links_carry_the_tables_filter()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var page = await client.GetPageAsync($"/events/{e.Id}/guests?status=Confirmed&side=Bride");

        Assert.Equal("Guests in the current filter", page.QuerySelector("[data-export-scope]")!.TextContent);
        Assert.Equal(
            [$"/events/{e.Id}/guests/export?status=Confirmed&side=Bride", $"/events/{e.Id}/reports/guest-list?status=Confirmed&side=Bride",
             $"/events/{e.Id}/reports/guest-list?status=Confirmed&side=Bride&group=side", $"/events/{e.Id}/reports/caterer-sheet?status=Confirmed&side=Bride",
             $"/events/{e.Id}/reports/door-list?status=Confirmed&side=Bride", $"/events/{e.Id}/reports/seating-plan?status=Confirmed&side=Bride"],
            page.QuerySelectorAll("[data-export-link]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Rows_carry_no_form_or_token_and_the_page_lists_no_households()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        for (var i = 0; i < 30; i++) await app.AddHouseholdAsync(e.Id, $"Household {i}", ($"Guest {i}", 0));

        var page = await client.GetPageAsync($"/events/{e.Id}/guests");

        var rows = page.QuerySelectorAll("tr[data-guest-row]");
        Assert.Equal(30, rows.Length);
        Assert.All(rows, row => Assert.Empty(row.QuerySelectorAll("form, input[name=__RequestVerificationToken]")));
        // One menu serves every row: its delete and link post through htmx, which sends the page's one token as a header.
        Assert.All(rows, row => Assert.NotNull(row.QuerySelector("[data-row-menu]")));
        var menu = Assert.IsAssignableFrom<AngleSharp.Html.Dom.IHtmlTemplateElement>(Assert.Single(page.QuerySelectorAll("template#row-menu-template"))).Content;
        Assert.NotNull(menu.QuerySelector($"[hx-post='/events/{e.Id}/guests/bulk'][hx-vals*='delete']"));
        Assert.NotNull(menu.QuerySelector($"[hx-post='/events/{e.Id}/guests/link/{Guid.Empty}']"));
        Assert.NotNull(page.QuerySelector("meta[name=csrf-token]"));
        Assert.DoesNotContain(page.QuerySelectorAll("option"), o => o.TextContent.Contains("Household 1"));
    }

    [Fact]
    public async Task A_households_name_filters_the_list_to_it_and_its_chip_takes_the_filter_away()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var ramans = await app.AddHouseholdAsync(e.Id, "The Ramans", ("Priya", 0), ("Arjun", 0));
        await app.AddHouseholdAsync(e.Id, "The Okafors", ("Ngozi", 0));

        var all = await client.GetPageAsync($"/events/{e.Id}/guests?q=a");
        var link = all.QuerySelectorAll("a.household-link").First(a => a.TextContent == "The Ramans").GetAttribute("href")!;
        var filtered = await client.GetPageAsync(link + "&q=a");

        Assert.Equal($"/events/{e.Id}/guests?household={ramans[0].HouseholdId}", link);
        Assert.Equal(3, Names(all).Count);
        Assert.Equal(["Arjun The Ramans", "Priya The Ramans"], Names(filtered));
        var chip = filtered.QuerySelector("[data-testid=household-filter]")!;
        Assert.Contains("Household: The Ramans", Text(chip));
        Assert.Equal($"/events/{e.Id}/guests?q=a", chip.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("1", filtered.QuerySelector("[data-testid=filters-on]")!.TextContent);
    }

    [Fact]
    public async Task Waiting_is_the_one_word_for_a_guest_without_an_answer()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Cal");

        var page = await client.GetPageAsync($"/events/{e.Id}/guests");
        var csv = await (await client.GetAsync($"/events/{e.Id}/guests/export")).Content.ReadAsStringAsync();

        Assert.Equal("Waiting", page.QuerySelector("tr[data-guest-row] [data-field=status]")!.TextContent);
        Assert.Equal("Waiting", page.QuerySelector("#filter-status option[value=Invited]")!.TextContent);
        Assert.Equal("1 waiting", Text(page.QuerySelector("[data-count=waiting]")!.ParentElement!));
        Assert.Equal("Mark waiting", page.QuerySelector("#bulk-action option[value=status-Invited]")!.TextContent);
        Assert.Contains(",Waiting,", csv);
        Assert.DoesNotContain("Invited", page.QuerySelector("main")!.TextContent);
    }
}
