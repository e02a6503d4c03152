namespace EventEngine.Web;

public static class SecurityHeaders
{
    /// <summary>
    /// Headers every response carries. The CSP allows only our own scripts and styles: no inline script, so the
    /// layout passes data to wwwroot/js/app.js through meta tags. Vary: HX-Request because handlers answer HTMX
    /// requests with partials and plain requests with pages at the same URL.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; " +
            "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
        headers.Append("Vary", "HX-Request");
        await next();
    });
}
