using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>Every handler of the app's pages in a namespace, for the permission matrices to prove they list them all.</summary>
public static class PageHandlers
{
    public static List<(Type Page, string Method, string Handler)> In(string namespacePrefix) =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith(namespacePrefix, StringComparison.Ordinal) == true && typeof(PageModel).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("On", StringComparison.Ordinal))
                .Select(m => (Page: t, Method: m.Name.StartsWith("OnGet", StringComparison.Ordinal) ? "GET" : "POST", Handler: HandlerName(m.Name))))
            .Distinct()
            .ToList();

    /// <summary>The handler a request path names ("?handler=Invite"), or "" for the page's default.</summary>
    public static string HandlerOf(string path)
    {
        var query = path.IndexOf("?handler=", StringComparison.Ordinal);
        return query < 0 ? "" : path[(query + 9)..].Split('&')[0];
    }

    private static string HandlerName(string methodName)
    {
        var name = methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName[..^5] : methodName;
        return name.StartsWith("OnGet", StringComparison.Ordinal) ? name[5..] : name[6..];
    }
}
