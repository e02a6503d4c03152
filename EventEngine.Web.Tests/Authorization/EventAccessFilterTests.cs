using System.Reflection;
using EventEngine.Web.Authorization;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Tests.Authorization;

public class EventAccessFilterTests
{
    private sealed class UndeclaredPage : PageModel
    {
        public void OnGet() { }
        public void OnPost() { }
    }

    [RequireEventPermission(EventPermission.EditEvent)]
    private sealed class DeclaredPage : PageModel
    {
        public void OnGet() { }
        [RequireEventPermission(EventPermission.DeleteEvent)]
        public void OnPostRemove() { }
    }

    private static MethodInfo Handler<T>(string name) => typeof(T).GetMethod(name)!;

    [Fact]
    public void A_GET_handler_without_a_declaration_needs_only_membership()
    {
        Assert.Equal(EventPermission.ViewEvent, EventAccessFilter.RequiredPermission(Handler<UndeclaredPage>("OnGet"), typeof(UndeclaredPage), "GET"));
    }

    [Fact]
    public void A_POST_handler_without_a_declaration_is_refused_to_everyone()
    {
        Assert.Null(EventAccessFilter.RequiredPermission(Handler<UndeclaredPage>("OnPost"), typeof(UndeclaredPage), "POST"));
    }

    [Fact]
    public void A_handler_declaration_overrides_the_page_declaration()
    {
        Assert.Equal(EventPermission.EditEvent, EventAccessFilter.RequiredPermission(Handler<DeclaredPage>("OnGet"), typeof(DeclaredPage), "GET"));
        Assert.Equal(EventPermission.DeleteEvent, EventAccessFilter.RequiredPermission(Handler<DeclaredPage>("OnPostRemove"), typeof(DeclaredPage), "POST"));
    }

    [Fact]
    public void Every_state_changing_handler_under_Events_Manage_declares_its_permission()
    {
        var undeclared = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("EventEngine.Web.Pages.Events.Manage", StringComparison.Ordinal) == true && typeof(PageModel).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal) || m.Name.StartsWith("OnPut", StringComparison.Ordinal) || m.Name.StartsWith("OnDelete", StringComparison.Ordinal))
                .Where(m => EventAccessFilter.RequiredPermission(m, t, "POST") is null)
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToList();

        Assert.Empty(undeclared);
    }
}
