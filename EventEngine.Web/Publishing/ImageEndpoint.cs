using EventEngine.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Publishing;

/// <summary>/images/{id}: logos and event pictures. An image never changes (a new upload gets a new id), so browsers
/// and proxies may keep it for a year.</summary>
public static class ImageEndpoint
{
    public static string PathOf(Guid id) => $"/images/{id}";

    public static void MapImages(this IEndpointRouteBuilder app) =>
        app.MapGet("/images/{id:guid}", async (Guid id, AppDbContext db, HttpContext http) =>
        {
            var image = await db.Images.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.ContentType, i.Bytes }).SingleOrDefaultAsync();
            if (image is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(image.Bytes, image.ContentType);
        });
}
