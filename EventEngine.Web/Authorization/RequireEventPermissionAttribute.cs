using EventEngine.Web.Domain;

namespace EventEngine.Web.Authorization;

/// <summary>
/// Declares what a page under Events/Manage (on the class) or one of its handlers (on the method) needs.
/// A handler's attribute wins over the page's. Without either, GET needs <see cref="EventPermission.ViewEvent"/>
/// and any other method is refused, so a new handler that forgets to declare is closed rather than open.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireEventPermissionAttribute(EventPermission permission) : Attribute
{
    public EventPermission Permission { get; } = permission;
}
