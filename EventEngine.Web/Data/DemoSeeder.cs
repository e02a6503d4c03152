using System.Security.Cryptography;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using EventEngine.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Data;

/// <summary>Creates the demo account and its wedding (a few hundred guests) so a fresh install has something to show.</summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, IOptions<DemoOptions> options, TimeProvider clock)
{
    public static async Task SeedIfEnabledAsync(WebApplication app)
    {
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!demo.Seed) return;
        string password;
        await using (var scope = app.Services.CreateSystemScope())
            password = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var url = addresses.FirstOrDefault()?.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://127.0.0.1", "://localhost");
            Console.WriteLine();
            Console.WriteLine($"  EventEngine is running at {url}");
            Console.WriteLine($"  Demo login: {demo.Email} / {password}");
            foreach (var (_, line) in Messaging.MessagingSetup.Channels(app.Services))
                Console.WriteLine($"  {(demo.MailUrl is not null && line.StartsWith("Email: through") ? $"Email: captured, read it at {demo.MailUrl}" : line)}");
            Console.WriteLine();
        });
    }

    /// <summary>Makes sure the demo user and wedding exist, sets the demo password, and returns it.</summary>
    public async Task<string> SeedAsync()
    {
        var demo = options.Value;
        var user = await users.FindByEmailAsync(demo.Email);
        if (user is null)
        {
            user = new AppUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = "Sam Demo", CreatedAt = clock.GetUtcNow().UtcDateTime };
            Check(await users.CreateAsync(user));
        }
        var password = string.IsNullOrEmpty(demo.Password) ? "demo-" + RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12) : demo.Password;
        await users.RemovePasswordAsync(user);
        Check(await users.AddPasswordAsync(user, password));
        await users.SetLockoutEndDateAsync(user, null);

        if (!await db.EventMembers.AnyAsync(m => m.UserId == user.Id))
            await CreateWeddingAsync(user.Id);
        return password;
    }

    private async Task CreateWeddingAsync(Guid ownerId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year + 1, 6, 12, 15, 0, 0);
        var wedding = new Event
        {
            Name = "Amira & Jonah's Wedding",
            TimeZoneId = "Europe/London",
            StartsAt = EventTime.ToUtc(start, "Europe/London"),
            EndsAt = EventTime.ToUtc(start.AddHours(8).AddMinutes(30), "Europe/London"),
            Venue = "The Orangery, Kew Gardens, Richmond TW9 3AE",
            Description = "Ceremony at 3 pm in the Orangery, drinks on the lawn, dinner and dancing until late. Dress code: garden formal.",
            DefaultCountry = "GB",
            CreatedById = ownerId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        wedding.Members.Add(new EventMember { UserId = ownerId, Role = EventRole.Admin, JoinedAt = now });
        db.Events.Add(wedding);
        await db.SaveChangesAsync();

        var (households, guests) = DemoGuests.Create(wedding.Id, ownerId, now);
        db.Households.AddRange(households);
        db.Guests.AddRange(guests);
        ActivityLog.Add(db, wedding.Id, ownerId, "Sam Demo", ActivityKind.EventCreated, $"Created the event {wedding.Name}", null, null, now);
        ActivityLog.Add(db, wedding.Id, ownerId, "Sam Demo", ActivityKind.GuestsImported, $"Imported the demo guest list: {guests.Count} added, 0 updated", null, null, now);
        await db.SaveChangesAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Demo account: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
