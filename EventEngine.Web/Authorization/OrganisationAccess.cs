using System.Reflection;
using System.Security.Claims;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Authorization;

/// <summary>What a page or handler under /organisations/{organisationId}/ needs.</summary>
public enum OrganisationPermission
{
    ViewOrganisation,
    /// <summary>Create public events (the creator becomes the new event's Admin).</summary>
    CreateEvents,
    EditProfile,
    ManageMembers,
}

public static class OrganisationPermissions
{
    /// <summary>The one table of which organisation role grants what (Owner: everything; Editor: events; Viewer: read only).</summary>
    public static bool Grants(this OrganisationRole role, OrganisationPermission permission) => role switch
    {
        OrganisationRole.Owner => true,
        OrganisationRole.Editor => permission is OrganisationPermission.ViewOrganisation or OrganisationPermission.CreateEvents,
        _ => permission is OrganisationPermission.ViewOrganisation,
    };
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireOrganisationPermissionAttribute(OrganisationPermission permission) : Attribute
{
    public OrganisationPermission Permission { get; } = permission;
}

/// <summary>The organisation in the route and the signed-in member's role in it, loaded once per request by <see cref="OrganisationAccessFilter"/>.</summary>
public sealed class CurrentOrganisation
{
    private (Guid Id, Guid UserId, OrganisationRole Role, string UserName)? value;

    public Guid OrganisationId => Value.Id;
    public Guid UserId => Value.UserId;
    public OrganisationRole Role => Value.Role;
    public string UserName => Value.UserName;
    public bool Can(OrganisationPermission permission) => Role.Grants(permission);

    private (Guid Id, Guid UserId, OrganisationRole Role, string UserName) Value =>
        value ?? throw new InvalidOperationException("CurrentOrganisation is only available on pages under Organisations/Manage.");

    internal void Set(Guid id, Guid userId, OrganisationRole role, string userName) => value = (id, userId, role, userName);
}

/// <summary>
/// The one place where access to /organisations/{organisationId}/... is decided, as <see cref="EventAccessFilter"/> does
/// for events: an outsider, or a member whose membership has expired, gets 404; a member whose role lacks the declared
/// permission gets 403. Without a declaration, GET needs ViewOrganisation and anything else is refused.
/// </summary>
public sealed class OrganisationAccessFilter(AppDbContext db, CurrentOrganisation current, TimeProvider clock) : IAsyncPageFilter
{
    public const string Folder = "/Organisations/Manage";
    private const string FolderRoute = "Organisations/Manage";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!Guid.TryParse(context.RouteData.Values["organisationId"]?.ToString(), out var organisationId)
            || !Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            context.Result = new NotFoundResult();
            return;
        }
        var member = await db.OrganisationMembers
            .Where(m => m.OrganisationId == organisationId && m.UserId == userId && (m.ExpiresAt == null || m.ExpiresAt > now))
            .Select(m => new { m.Role, m.User.DisplayName })
            .SingleOrDefaultAsync(http.RequestAborted);
        if (member is null)
        {
            context.Result = new NotFoundResult();
            return;
        }
        var required = RequiredPermission(context.HandlerMethod?.MethodInfo, context.HandlerInstance.GetType(), http.Request.Method);
        if (required is null || !member.Role.Grants(required.Value))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }
        current.Set(organisationId, userId, member.Role, member.DisplayName);
        await next();
    }

    public static OrganisationPermission? RequiredPermission(MethodInfo? handler, Type pageModel, string httpMethod)
    {
        var declared = handler?.GetCustomAttribute<RequireOrganisationPermissionAttribute>()
            ?? pageModel.GetCustomAttribute<RequireOrganisationPermissionAttribute>();
        if (declared is not null) return declared.Permission;
        return HttpMethods.IsGet(httpMethod) || HttpMethods.IsHead(httpMethod) ? OrganisationPermission.ViewOrganisation : null;
    }

    /// <summary>Pages in Organisations/Manage are served at /organisations/{organisationId}/... and all pass through this filter.</summary>
    public static void AddOrganisationPages(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder(Folder);
        conventions.AddFolderRouteModelConvention(Folder, model =>
        {
            foreach (var selector in model.Selectors)
            {
                var template = selector.AttributeRouteModel?.Template;
                if (template is null || !template.StartsWith(FolderRoute, StringComparison.OrdinalIgnoreCase)) continue;
                selector.AttributeRouteModel!.Template = "organisations/{organisationId:guid}" + template[FolderRoute.Length..];
            }
        });
        conventions.AddFolderApplicationModelConvention(Folder, model => model.Filters.Add(new ServiceFilterAttribute(typeof(OrganisationAccessFilter))));
    }
}
