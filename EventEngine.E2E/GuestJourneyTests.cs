using System.Text.RegularExpressions;
using EventEngine.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventEngine.E2E;

[Collection(GuestTableBrowserCollection.Name)]
public class GuestJourneyTests(BrowserFixture browser)
{
    private static async Task<string> CreateEventAndOpenGuestsAsync(IPage page, string host, string name)
    {
        await Journeys.RegisterAsync(page, host);
        await Journeys.CreateEventAsync(page, name, "2027-06-12T15:00", "Europe/London", "GB");
        await page.GetByRole(AriaRole.Link, new() { Name = "Guests", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/guests$"));
        return new Uri(page.Url).AbsolutePath;
    }

    private static ILocator Row(IPage page, string name) => page.Locator("tr[data-guest-row]").Filter(new() { HasText = name });

    [Fact]
    public async Task A_host_imports_a_Google_Contacts_export_then_filters_through_the_url_and_goes_back()
    {
        var consoleErrors = new List<string>();
        var page = await browser.NewPageAsync(consoleErrors: consoleErrors);
        var guests = await CreateEventAndOpenGuestsAsync(page, "Ines Importer", "Lisbon Wedding");
        await Expect(page.GetByText("No guests yet")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "guests-empty-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).First.ClickAsync();
        await page.GetByLabel("File").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Files", "google-contacts.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and continue" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/guests/import/review/"));
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("Phone 1 - Value");
        await Expect(page.Locator("#map-0")).ToHaveValueAsync("FirstName");
        await BrowserFixture.ScreenshotAsync(page, "import-review-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import 3 guests" }).ClickAsync();
        await Expect(page.GetByTestId("import-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-count=added]")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-count=rejected]")).ToHaveTextAsync("1");
        await BrowserFixture.ScreenshotAsync(page, "import-summary-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "See the guest list" }).ClickAsync();
        await Expect(page.Locator("tr[data-guest-row]")).ToHaveCountAsync(3);

        // A shared link opens the same view; typing a search changes the address without reloading.
        await page.GotoAsync(guests + "?q=angstrom");
        await Expect(page.Locator("tr[data-guest-row]")).ToHaveCountAsync(1);
        await Expect(Row(page, "Zoë Ångström")).ToBeVisibleAsync();
        // One edit, as a paste would be: typing key by key on a busy machine can pause longer than the search's 350 ms
        // wait, and each pause rightly adds a step to the history that going back below would land on.
        await page.GetByLabel("Search guests").FillAsync("o'b");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=o%27b$|\?q=o'b$"));
        await Expect(page.Locator("tr[data-guest-row]")).ToHaveCountAsync(1);
        await Expect(Row(page, "Tom O'Brien")).ToBeVisibleAsync();

        // The exports follow the filter typed above, though htmx changed it without reloading the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        await Expect(page.Locator("[data-export-scope]")).ToHaveTextAsync("Guests in the current filter");
        await BrowserFixture.ScreenshotAsync(page, "export-menu-desktop");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Guest list by household PDF" }).ClickAsync());
        Assert.Matches(new Regex(@"/reports/guest-list\?q=o(%27|')b$"), download.Url);
        Assert.Equal("Lisbon-Wedding-guest-list.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        await Expect(page.Locator(".toast").Filter(new() { HasText = "Preparing guest list by household…" })).ToBeVisibleAsync();

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=angstrom$"));
        await Expect(Row(page, "Zoë Ångström")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Search guests")).ToHaveValueAsync("angstrom");
        await BrowserFixture.ScreenshotAsync(page, "guests-search-desktop");
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task A_host_adds_guests_edits_a_row_in_place_and_changes_several_at_once()
    {
        var consoleErrors = new List<string>();
        var page = await browser.NewPageAsync(consoleErrors: consoleErrors);
        await CreateEventAndOpenGuestsAsync(page, "Eli Editor", "Garden Party");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add guest" }).ClickAsync();
        foreach (var (name, phone) in new[] { ("Amira", "020 7946 0018"), ("Bilal", "07400 123291"), ("Chen", "+44 7911 123456") })
        {
            await page.Locator("#add-guest-form-first").FillAsync(name);
            await page.Locator("#add-guest-form-phone").FillAsync(phone);
            await page.Locator("#add-guest-form-side").FillAsync("Friends");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add guest" }).ClickAsync();
            await Expect(Row(page, name)).ToBeVisibleAsync();
        }
        await Expect(page.Locator("[data-count=guests]")).ToHaveTextAsync("3");
        await Expect(Row(page, "Amira").Locator("[data-field=phone]")).ToHaveTextAsync("+44 20 7946 0018");

        // The row becomes a form: Enter saves, Escape cancels, errors stay in the row.
        await Row(page, "Amira").GetByRole(AriaRole.Link, new() { Name = "Edit Amira" }).ClickAsync();
        var editor = page.Locator("tr[data-row-editor]");
        await Expect(editor.GetByLabel("First name")).ToBeFocusedAsync(); // keyboard users start typing at once
        await editor.GetByLabel("Table").FillAsync("Table 5");
        await editor.GetByLabel("Phone").FillAsync("12");
        await editor.GetByLabel("Phone").PressAsync("Enter");
        await Expect(editor).ToContainTextAsync("That is not a valid number for United Kingdom");
        await BrowserFixture.ScreenshotAsync(page, "guests-row-error-desktop");
        await editor.GetByLabel("Phone").FillAsync("020 7946 0019");
        await editor.GetByLabel("Phone").PressAsync("Enter");
        await Expect(Row(page, "Amira").Locator("[data-field=table]")).ToHaveTextAsync("Table 5");
        await Expect(Row(page, "Amira").Locator("[data-field=phone]")).ToHaveTextAsync("+44 20 7946 0019");
        await Expect(page.Locator(".toast").Filter(new() { HasText = "Amira saved." })).ToBeVisibleAsync();

        await Row(page, "Bilal").GetByRole(AriaRole.Link, new() { Name = "Edit Bilal" }).ClickAsync();
        await Expect(editor.GetByLabel("First name")).ToBeFocusedAsync();
        await page.Locator("tr[data-row-editor]").GetByLabel("Table").FillAsync("Table 9");
        await page.Locator("tr[data-row-editor]").GetByLabel("Table").PressAsync("Escape");
        await Expect(page.Locator("tr[data-row-editor]")).ToHaveCountAsync(0);
        await Expect(Row(page, "Bilal").Locator("[data-field=table]")).ToHaveTextAsync("");

        // Bulk: select Amira and Chen, confirm them, then delete Bilal after confirming.
        await Row(page, "Amira").GetByRole(AriaRole.Checkbox).CheckAsync();
        await Row(page, "Chen").GetByRole(AriaRole.Checkbox).CheckAsync();
        await Expect(page.Locator("[data-selected-count]")).ToHaveTextAsync("2 selected");
        await page.GetByLabel("With the selected guests").SelectOptionAsync("status-Confirmed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(Row(page, "Amira").Locator("[data-field=status]")).ToHaveTextAsync("Confirmed");
        await Expect(Row(page, "Chen").Locator("[data-field=status]")).ToHaveTextAsync("Confirmed");
        await Expect(Row(page, "Bilal").Locator("[data-field=status]")).ToHaveTextAsync("Waiting");
        await Expect(page.Locator("[data-count=confirmed]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-count=rate]")).ToHaveTextAsync("66%");
        await BrowserFixture.ScreenshotAsync(page, "guests-bulk-desktop");

        // At 1280 by 800, with the add form closed, the first guest is on the first screen; a selected row stands out.
        await page.SetViewportSizeAsync(1280, 800);
        await page.ReloadAsync();
        var firstRow = await page.Locator("tr[data-guest-row]").First.BoundingBoxAsync();
        Assert.True(firstRow!.Y + firstRow.Height <= 800, $"The first guest ends at {firstRow.Y + firstRow.Height}px, below the screen.");
        var plain = await Row(page, "Chen").EvaluateAsync<string>("row => getComputedStyle(row).backgroundColor");
        await Row(page, "Chen").GetByRole(AriaRole.Checkbox).CheckAsync();
        Assert.NotEqual(plain, await Row(page, "Chen").EvaluateAsync<string>("row => getComputedStyle(row).backgroundColor"));
        await Row(page, "Chen").GetByRole(AriaRole.Checkbox).UncheckAsync();
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "guests-desktop");

        // Delete is in the row's menu, confirmed in a dialog over the list.
        await Row(page, "Bilal").GetByLabel("More for Bilal").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "guests-menu-desktop");
        await page.Locator("#row-menu").GetByRole(AriaRole.Menuitem, new() { Name = "Delete…" }).ClickAsync();
        await Expect(page.Locator("#bulk-confirm-title")).ToHaveTextAsync("Delete 1 guest?");
        await Expect(page.Locator("#bulk-dialog")).ToContainTextAsync("Bilal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete 1 guest" }).ClickAsync();
        await Expect(page.Locator("tr[data-guest-row]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-count=guests]")).ToHaveTextAsync("2");

        await page.GotoAsync(new Uri(page.Url).AbsolutePath.Split("/guests")[0] + "/guests/household");
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "household-form-desktop");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    [Fact]
    public async Task On_a_phone_a_host_finds_a_guest_edits_them_in_a_sheet_and_copies_their_link()
    {
        var consoleErrors = new List<string>();
        var page = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        await CreateEventAndOpenGuestsAsync(page, "Pia Phone", "Phone party");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add guest" }).ClickAsync();
        foreach (var (name, email) in new[] { ("Wanjiru Kamau-Odhiambo", "wanjiru.kamau.odhiambo@example.co.ke"), ("Tomás Ruiz", "tomas@example.es"), ("Li Wei", "li.wei@example.cn") })
        {
            await page.Locator("#add-guest-form-first").FillAsync(name);
            await page.Locator("#add-guest-form-email").FillAsync(email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add guest" }).ClickAsync();
            await Expect(Row(page, name)).ToBeVisibleAsync();
        }
        await page.Locator("#add-guest-panel summary").ClickAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");

        // The first guest is on the first screen, and nothing scrolls sideways.
        var first = await Row(page, "Li Wei").BoundingBoxAsync();
        Assert.True(first!.Y + first.Height <= BrowserFixture.Phone.Height, $"The first guest ends at {first.Y + first.Height}px, below the screen.");
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "guests-phone");
        await AssertNoSidewaysScrollAsync(page, "the guest list");

        // Find: the search stays in reach; the filters open from one button.
        await page.GetByLabel("Search guests").FillAsync("tomas");
        await Expect(page.Locator("tr[data-guest-row]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#filter-status")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();
        await Expect(page.Locator("#filter-status")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "guests-filters-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();

        // Edit in a sheet: Save within reach at the bottom of the screen; the status changes with the rest.
        var tomas = Row(page, "Tomás Ruiz");
        await tomas.GetByLabel("More for Tomás Ruiz").ClickAsync();
        await page.Locator("#row-menu").GetByRole(AriaRole.Menuitem, new() { Name = "Edit", Exact = true }).ClickAsync();
        var sheet = page.Locator("tr[data-row-editor]");
        await Expect(sheet.GetByText("Edit Tomás")).ToBeVisibleAsync();
        await sheet.GetByLabel("Table").FillAsync("Table 7");
        await sheet.GetByLabel("Status").SelectOptionAsync("Confirmed");
        await BrowserFixture.ScreenshotAsync(page, "guests-edit-sheet-phone");
        var save = await sheet.GetByRole(AriaRole.Button, new() { Name = "Save" }).BoundingBoxAsync();
        Assert.True(save!.Y + save.Height <= BrowserFixture.Phone.Height && save.Width > 300, $"Save is at {save.Y}px, {save.Width}px wide");
        await Accessibility.AssertNoneAsync(page);
        await sheet.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(tomas.Locator("[data-field=status]")).ToHaveTextAsync("Confirmed");
        await Expect(tomas.Locator("[data-field=table]")).ToHaveTextAsync("Table 7");
        await Expect(page.Locator("[data-count=confirmed]")).ToHaveTextAsync("1");

        // Copy the guest's link from the same menu.
        await tomas.GetByLabel("More for Tomás Ruiz").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "guests-menu-phone");
        await page.Locator("#row-menu").GetByRole(AriaRole.Menuitem, new() { Name = "RSVP link" }).ClickAsync();
        var link = page.GetByTestId("rsvp-url");
        await Expect(link).ToHaveValueAsync(new Regex("/rsvp/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Expect(page.Locator(".toast").Filter(new() { HasText = "Link copied." })).ToBeVisibleAsync();
        Assert.Equal(await link.InputValueAsync(), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await BrowserFixture.ScreenshotAsync(page, "guests-link-phone");
        await AssertNoSidewaysScrollAsync(page, "the link dialog");
        await page.GetByRole(AriaRole.Link, new() { Name = "Close" }).ClickAsync();

        // The guest's page: every detail and the history, on the phone.
        await tomas.GetByLabel("More for Tomás Ruiz").ClickAsync();
        await page.Locator("#row-menu").GetByRole(AriaRole.Menuitem, new() { Name = "All details and history" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("rsvp-activity").First).ToContainTextAsync("Edited guest Tomás Ruiz");
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "guest-page-phone");
        await AssertNoSidewaysScrollAsync(page, "the guest's page");
        await page.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await BrowserFixture.ScreenshotAsync(page, "guest-page-desktop");
        await page.SetViewportSizeAsync(BrowserFixture.Phone.Width, BrowserFixture.Phone.Height);
        await page.GoBackAsync();

        // Select on a phone: the bulk bar comes up from the bottom of the screen.
        await page.GetByLabel("Search guests").FillAsync("");
        await Expect(page.Locator("tr[data-guest-row]")).ToHaveCountAsync(3);
        await Expect(page.Locator("#bulk-form")).ToBeHiddenAsync();
        await Row(page, "Li Wei").GetByRole(AriaRole.Checkbox).CheckAsync();
        await Expect(page.Locator("[data-selected-count]")).ToHaveTextAsync("1 selected");
        var bar = await page.Locator("#bulk-form").BoundingBoxAsync();
        Assert.True(bar!.Y + bar.Height <= BrowserFixture.Phone.Height + 1 && bar.Y > BrowserFixture.Phone.Height / 2, $"The bulk bar is at {bar.Y}px");
        await page.GetByLabel("With the selected guests").SelectOptionAsync("status-Declined");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(Row(page, "Li Wei").Locator("[data-field=status]")).ToHaveTextAsync("Declined");

        // A family on the phone: only the mother has an email; the child has no address and is marked as a child.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add household" }).ClickAsync();
        await page.GetByLabel("Household name").FillAsync("The Ramans");
        await page.Locator("#member-0-FirstName").FillAsync("Priya");
        await page.Locator("#member-0-Email").FillAsync("priya.raman@example.in");
        await page.Locator("#member-1-FirstName").FillAsync("Maya");
        await page.Locator("#member-1-DietaryNeeds").FillAsync("No nuts");
        await page.Locator("#member-1-IsChild").CheckAsync();
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "household-form-phone");
        await AssertNoSidewaysScrollAsync(page, "the household form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add household" }).ClickAsync();
        await Expect(Row(page, "Maya").Locator(".child-badge")).ToHaveTextAsync("Child");
        await Expect(Row(page, "Priya").Locator(".child-badge")).ToHaveCountAsync(0);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{what} is {overflow}px wider than the screen.");
    }

    [Fact]
    public async Task On_a_phone_a_host_imports_contacts_and_sees_who_came_in_with_something_left_out()
    {
        var consoleErrors = new List<string>();
        var page = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        await CreateEventAndOpenGuestsAsync(page, "Femi Phone", "Phone import");
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/import");
        await page.GetByLabel("File").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Files", "google-contacts-labels.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and continue" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/guests/import/review/"));

        await Expect(page.GetByTestId("flags")).ToContainTextAsync("Extension 12 is left out");
        await Expect(page.Locator("[data-count=flagged]")).ToHaveTextAsync("3");
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "import-review-phone");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the review page scrolls sideways");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import 6 guests" }).ClickAsync();
        await Expect(page.GetByTestId("import-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-count=added]")).ToHaveTextAsync("6");
        await Expect(page.GetByTestId("flags")).ToContainTextAsync("E-mail 1 - Value");
        await BrowserFixture.ScreenshotAsync(page, "import-summary-phone");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the summary scrolls sideways");

        await page.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await BrowserFixture.ScreenshotAsync(page, "import-summary-desktop-flags");
        await page.GetByRole(AriaRole.Link, new() { Name = "See the guest list" }).ClickAsync();
        await Expect(Row(page, "Priya").Locator("[data-field=phone]")).ToHaveTextAsync("+44 7400 123321");
        await BrowserFixture.ScreenshotAsync(page, "guests-imported-desktop");
        Assert.Empty(consoleErrors);
    }
}
