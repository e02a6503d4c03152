using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace EventEngine.Web.Authorization;

/// <summary>
/// Pages in Events/Manage are served at /events/{eventId}/... (Events/Manage/Edit → /events/{eventId}/edit) and
/// all pass through <see cref="EventAccessFilter"/>. Adding a page to the folder is all it takes to protect it.
/// </summary>
public static class EventPagesConvention
{
    public const string Folder = "/Events/Manage";
    private const string FolderRoute = "Events/Manage";

    public static void AddEventPages(this PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder(Folder);
        conventions.AddFolderRouteModelConvention(Folder, model =>
        {
            foreach (var selector in model.Selectors)
            {
                var template = selector.AttributeRouteModel?.Template;
                if (template is null || !template.StartsWith(FolderRoute, StringComparison.OrdinalIgnoreCase)) continue;
                selector.AttributeRouteModel!.Template = "events/{eventId:guid}" + template[FolderRoute.Length..];
            }
        });
        conventions.AddFolderApplicationModelConvention(Folder, model => model.Filters.Add(new ServiceFilterAttribute(typeof(EventAccessFilter))));
    }
}
