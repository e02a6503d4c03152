using Microsoft.AspNetCore.DataProtection;
using EventEngine.Web;
using EventEngine.Web.Accounts;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Messaging;
using EventEngine.Web.Messaging.WhatsApp;
using EventEngine.Web.Pdf;
using EventEngine.Web.Publishing;
using EventEngine.Web.Pages.Account;
using EventEngine.Web.Pages.Events.Manage.Guests.Import;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Default");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("No database configured. Set ConnectionStrings__Default, or start the app with ./scripts/run, which starts PostgreSQL for you.");
    return 1;
}

if (RsvpOptions.Key(builder.Configuration["Rsvp:LinkKey"]) is null)
{
    Console.Error.WriteLine($"No key for RSVP links. {RsvpOptions.KeyHelp}");
    return 1;
}
try
{
    PdfFonts.Use(builder.Configuration["Pdf:FontRoot"]);
}
catch (FileNotFoundException missing)
{
    Console.Error.WriteLine(missing.Message);
    return 1;
}
// ASP.NET's "Request starting/finished" lines, and the RequestPath scope it puts on every log line of a request,
// hold the raw path, and /rsvp/{token} paths are capabilities. Off entirely: with it off, the scope is not made.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
// Logging in from a team invitation returns to /invitations/{token}: MVC's "redirecting to …" lines would print it.
builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc.Infrastructure.RedirectResultExecutor", LogLevel.None);
builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc.Infrastructure.LocalRedirectResultExecutor", LogLevel.None);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddAppDatabase(connectionString);
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>();

builder.Services.AddIdentityCore<AppUser>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireDigit = false;
        options.Password.RequiredUniqueChars = 4;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.Tokens.PasswordResetTokenProvider = PasswordResetTokens.ProviderName;
        // Version 3 of Identity's schema has the passkeys table (user_passkeys).
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
    })
    .AddSignInManager()
    .AddClaimsPrincipalFactory<DisplayNameClaims>()
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddTokenProvider<PasswordResetTokens>(PasswordResetTokens.ProviderName);
builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(AccountEmails.ConfirmationHours));
// A login made before a password reset (which changes the security stamp) ends within a minute.
builder.Services.Configure<SecurityStampValidatorOptions>(o =>
{
    o.ValidationInterval = TimeSpan.FromMinutes(1);
    o.OnRefreshingPrincipal = LoginSessions.KeepSessionClaim;
});
builder.Services.AddScoped<LoginSessions>();
builder.Services.AddScoped<AccountDeletion>();
builder.Services.AddScoped<AccountData>();
builder.Services.AddScoped<EventEngine.Web.Publishing.EventLifecycle>();
builder.Services.AddScoped<EventEngine.Web.Publishing.CatalogQuery>();
builder.Services.AddSingleton<EventEngine.Web.Registrations.Capacity>();
builder.Services.AddHostedService<EventEngine.Web.Registrations.WaitingList>();
builder.Services.AddSingleton<EventEngine.Web.Publishing.Series>();
builder.Services.AddHostedService<EventEngine.Web.Publishing.SeriesExtender>();
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
// One key ring in PostgreSQL under one application name, so every instance reads the others' cookies and tokens.
builder.Services.AddDataProtection().SetApplicationName("EventEngine").PersistKeysToDbContext<AppDbContext>();

var secureCookies = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
builder.Services.ConfigureApplicationCookie(options =>
{
    options.Cookie.Name = "ee.auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SecurePolicy = secureCookies;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.LoginPath = "/account/login";
    options.LogoutPath = "/account/logout";
    options.AccessDeniedPath = "/account/login";
    options.ExpireTimeSpan = TimeSpan.FromDays(14);
    options.SlidingExpiration = true;
    options.EventsType = typeof(LoginSessions);
});
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "ee.antiforgery";
    // Follows the request's scheme (Secure under HTTPS): antiforgery refuses to issue tokens at all over plain
    // HTTP with Always, and this cookie grants nothing on its own.
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.HeaderName = "RequestVerificationToken";
});
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    // Only the proxies named here may say who the client is (besides one on this machine, ASP.NET's default): anyone
    // else's X-Forwarded-For is ignored, so a client cannot pick its own address to escape a limit.
    foreach (var proxy in builder.Configuration.GetSection("Proxies:Addresses").Get<string[]>() ?? []) options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    foreach (var network in builder.Configuration.GetSection("Proxies:Networks").Get<string[]>() ?? []) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
});

// Razor encodes only HTML's special characters, not every letter outside Latin: Hebrew pages stay small and readable.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
    options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddScoped<CurrentEvent>();
builder.Services.AddScoped<EventAccessFilter>();
builder.Services.AddScoped<CurrentOrganisation>();
builder.Services.AddScoped<OrganisationAccessFilter>();
builder.Services.AddAuthorization(StaffRequirement.AddPolicies);
builder.Services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, StaffAccessHandler>();
builder.Services.AddScoped<ActivityLog>();
builder.Services.AddSingleton<RateLimits>();
builder.Services.AddSingleton<EventEngine.Web.Pages.Account.AccountLimits>();
builder.Services.Configure<EventEngine.Web.Pages.Account.AccountLimitOptions>(builder.Configuration.GetSection("Limits"));
builder.Services.AddSingleton<ImportCache>();
builder.Services.AddRouting(options => options.LowercaseUrls = true);
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AddEventPages();
    // A city's page is the catalog with its city chosen, at an address of its own.
    options.Conventions.AddPageRoute("/Catalog/Index", "cities/{city}");
    OrganisationAccessFilter.AddOrganisationPages(options.Conventions);
    options.Conventions.AuthorizeFolder("/Organisations");
    options.Conventions.AddLinkPages();
    options.Conventions.AuthorizeFolder("/Events");
    options.Conventions.AuthorizeFolder("/Staff", StaffRequirement.Staff);
    options.Conventions.AuthorizePage("/Staff/Roles", StaffRequirement.Administrators);
}).AddMvcOptions(options =>
{
    options.ModelBinderProviders.Insert(0, new CheckboxBinder.Provider());
    options.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((_, field) => $"The value entered for {field} is not valid.");
    options.ModelBindingMessageProvider.SetValueMustNotBeNullAccessor(field => $"Enter a value for {field}.");
});
builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection("Demo"));
builder.Services.AddMessaging(builder.Configuration);
builder.Services.AddLinks(builder.Configuration);
builder.Services.AddScoped<DemoSeeder>();

var app = builder.Build();

if (args.Contains("schema-script"))
{
    // A first draft for a new migration: the SQL EF Core would create for the current model.
    await using var scope = app.Services.CreateAsyncScope();
    Console.WriteLine(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GenerateCreateScript());
    return 0;
}

// Migrations run as the role that owns the tables; the app itself connects as a role that owns nothing, so that the
// database's own rules hold for it. Without a separate role the app still works, and says what it is missing.
var migrationsConnectionString = app.Configuration.GetConnectionString("Migrations");
var appRole = new NpgsqlConnectionStringBuilder(connectionString).Username;
var separateRoles = migrationsConnectionString is not null && new NpgsqlConnectionStringBuilder(migrationsConnectionString).Username != appRole;
if (!separateRoles)
    app.Logger.LogWarning("ConnectionStrings:Migrations is not set to a role of its own, so the app connects as the role that owns the tables and " +
        "row-level security is not in force. Set ConnectionStrings:Migrations to the owning role and ConnectionStrings:Default to a role that owns nothing.");
var migrator = separateRoles
    ? new MigrationRunner(migrationsConnectionString!, Migration.Embedded(), app.Logger, appRole)
    : new MigrationRunner(connectionString, Migration.Embedded(), app.Logger);
if (args.Contains("migrate"))
{
    IReadOnlyList<Migration> applied;
    try
    {
        applied = await migrator.MigrateAsync();
    }
    catch (MigrationRoleException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 1;
    }
    await KeyRing.EnsureKeyAsync(app.Services, connectionString);
    Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migration(s).");
    return 0;
}
if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    try
    {
        await migrator.MigrateAsync();
        await KeyRing.EnsureKeyAsync(app.Services, connectionString);
    }
    catch (Exception ex) when (ex is MigrationChecksumMismatchException or MigrationRoleException)
    {
        app.Logger.LogCritical("Start-up stopped: {Message}", ex.Message);
        return 1;
    }
}
if (args is ["staff", .. var staffArgs])
    return await StaffCommand.RunAsync(app.Services, staffArgs, Console.Out);
await DemoSeeder.SeedIfEnabledAsync(app);
MessagingSetup.ReportChannels(app);

app.UseForwardedHeaders();
app.UseLinkTokenPaths();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseSecurityHeaders();
app.UseStaticFiles(new StaticFileOptions
{
    // Links made with asp-append-version carry a hash of the file (?v=…), so they can be cached for good.
    OnPrepareResponse = context =>
    {
        if (context.Context.Request.Query.ContainsKey("v"))
            context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
    },
});
app.UseRouting();
app.UseAuthentication();
app.UseDatabaseIdentity();
app.UseAuthorization();
app.MapHealthChecks("/health");
app.MapWhatsAppWebhook();
app.MapImages();
app.MapCalendarFeeds();
app.MapSiteMap();
app.MapRazorPages();

app.Run();
return 0;

public partial class Program;
