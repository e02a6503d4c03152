using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace EventEngine.Web.Accounts;

/// <summary>
/// On a page that changes how an account logs in (two-factor, passkeys) or deletes it: unless the password was typed in
/// this login within the last ten minutes, the person is sent to type it first and then brought back.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RecentPasswordAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true && !await http.RequestServices.GetRequiredService<LoginSessions>().PasswordIsRecentAsync(http.User))
        {
            var back = HttpMethods.IsGet(http.Request.Method) ? http.Request.Path + http.Request.QueryString : http.Request.Path.ToString();
            context.Result = new RedirectToPageResult("/Account/ConfirmPassword", new { returnUrl = back });
            return;
        }
        await next();
    }
}
