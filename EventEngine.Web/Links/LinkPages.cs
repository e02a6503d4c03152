using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace EventEngine.Web.Links;

/// <summary>
/// The pages behind capability links: Rsvp/ (/rsvp/{token}) passes through <see cref="RsvpLinkFilter"/> and
/// Invitations/ (/invitations/{token}) through <see cref="InvitationLinkFilter"/>, Registrations/ (/registrations/{token})
/// through <see cref="RegistrationLinkFilter"/>, as Events/Manage passes through
/// the event access filter. The token itself is taken out of the path before routing (<see cref="LinkTokenPaths"/>).
/// </summary>
public static class LinkPages
{
    public static void AddLinkPages(this PageConventionCollection conventions)
    {
        conventions.AddFolderApplicationModelConvention("/Rsvp", model => model.Filters.Add(new ServiceFilterAttribute(typeof(RsvpLinkFilter))));
        conventions.AddFolderApplicationModelConvention("/Invitations", model => model.Filters.Add(new ServiceFilterAttribute(typeof(InvitationLinkFilter))));
        conventions.AddFolderApplicationModelConvention("/Registrations", model => model.Filters.Add(new ServiceFilterAttribute(typeof(RegistrationLinkFilter))));
    }

    /// <summary>A link is a capability: keep it out of other sites' logs (Referer), search engines and shared caches.</summary>
    public static void KeepPrivate(HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        // The same value antiforgery insists on for pages with forms, so it has nothing to override (and log).
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
    }
}
