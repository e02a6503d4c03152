using System.Reflection;
using System.Security.Claims;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Authorization;

/// <summary>
/// The one place where access to /events/{eventId}/... is decided. Runs before every handler of every page under
/// Events/Manage: a non-member (or an unknown event) gets 404 so the event's existence is not revealed; a member
/// whose role lacks the declared permission gets 403. The handler never runs in either case.
/// </summary>
public sealed class EventAccessFilter(AppDbContext db, CurrentEvent currentEvent, TimeProvider clock, ILogger<EventAccessFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(context.RouteData.Values["eventId"]?.ToString(), out var eventId)
            || !Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            context.Result = new NotFoundResult();
            return;
        }

        // A direct membership, or the event's organisation's (unexpired); the stronger role wins (EventReach).
        var role = await EventReach.RoleAsync(db, eventId, userId, clock.GetUtcNow().UtcDateTime, http.RequestAborted);
        if (role is not { } granted)
        {
            context.Result = new NotFoundResult();
            return;
        }
        var member = new { Role = granted, DisplayName = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(http.RequestAborted) };

        var required = RequiredPermission(context.HandlerMethod?.MethodInfo, context.HandlerInstance.GetType(), http.Request.Method);
        if (required is null || !member.Role.Grants(required.Value))
        {
            logger.LogInformation("Refused {Method} {Path}: role {Role} lacks {Permission}", http.Request.Method, http.Request.Path, member.Role, required);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        currentEvent.Set(new EventMembership(eventId, userId, member.Role, member.DisplayName));
        await next();
    }

    /// <summary>The permission a handler needs, or null when an unsafe method declares none (refused).</summary>
    public static EventPermission? RequiredPermission(MethodInfo? handler, Type pageModel, string httpMethod)
    {
        var declared = handler?.GetCustomAttribute<RequireEventPermissionAttribute>()
            ?? pageModel.GetCustomAttribute<RequireEventPermissionAttribute>();
        if (declared is not null) return declared.Permission;
        return HttpMethods.IsGet(httpMethod) || HttpMethods.IsHead(httpMethod) ? EventPermission.ViewEvent : null;
    }
}
