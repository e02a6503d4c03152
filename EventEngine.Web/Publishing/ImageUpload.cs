using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace EventEngine.Web.Publishing;

/// <summary>
/// A logo or event picture as uploaded: decoded (the bytes decide what it is, never the name), turned upright, shrunk
/// to fit <see cref="MaxSide"/> and encoded again, which also drops whatever the camera wrote into it (such as where
/// it was taken). Opaque pictures are kept as JPEG, ones with transparency (most logos) as PNG.
/// </summary>
public static class ImageUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxSide = 1600;
    // A small file can still claim a huge canvas; refuse it before allocating one.
    private const long MaxPixels = 40_000_000;
    public const string Accept = "image/jpeg,image/png,image/webp";

    public sealed record Result(StoredImage? Image, string? Error);

    public static async Task<Result> ReadAsync(IFormFile file, DateTime now)
    {
        if (file.Length == 0) return new(null, "That file is empty. Choose a picture.");
        if (file.Length > MaxBytes) return new(null, $"Choose a picture under {MaxBytes / 1024 / 1024} MB.");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        return Read(buffer.ToArray(), now);
    }

    public static Result Read(byte[] bytes, DateTime now)
    {
        const string unreadable = "That file isn't a picture we can read. Use a JPEG, PNG or WebP.";
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
            return new(null, unreadable);
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels) return new(null, "That picture is too large. Choose one under 40 megapixels.");

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null) return new(null, unreadable);
        using var upright = Upright(decoded, codec.EncodedOrigin);
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
        using var resized = scale < 1 ? upright.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell)) : upright.Copy();
        using var image = SKImage.FromBitmap(resized);
        var opaque = resized.Info.AlphaType == SKAlphaType.Opaque || !HasTransparency(resized);
        using var encoded = image.Encode(opaque ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 85);
        return new(new StoredImage
        {
            Id = Guid.NewGuid(),
            ContentType = opaque ? "image/jpeg" : "image/png",
            Bytes = encoded.ToArray(),
            CreatedAt = now,
        }, null);
    }

    /// <summary>Many PNGs carry an alpha channel they never use; those are photos, better kept as JPEG.</summary>
    /// <summary>
    /// Puts an upload in place of the current picture, or takes the picture off. Returns the id to keep and the one it
    /// replaces, which the caller deletes (<see cref="DeleteAsync"/>) only once its own change is saved, so a save that
    /// fails loses nothing.
    /// </summary>
    public static (Guid? Keep, Guid? Replaced) Replace(AppDbContext db, Guid? current, StoredImage? upload, bool remove)
    {
        if (upload is null && !remove) return (current, null);
        if (upload is not null) db.Images.Add(upload);
        return (upload?.Id, current);
    }

    public static async Task DeleteAsync(AppDbContext db, Guid? replaced)
    {
        if (replaced is { } id) await db.Images.Where(i => i.Id == id).ExecuteDeleteAsync();
    }

    private static bool HasTransparency(SKBitmap bitmap)
    {
        if (bitmap.ColorType is not (SKColorType.Rgba8888 or SKColorType.Bgra8888)) return true;
        var pixels = bitmap.GetPixelSpan();
        for (var i = 3; i < pixels.Length; i += 4)
            if (pixels[i] < 255) return true;
        return false;
    }

    /// <summary>Phones save pictures sideways and note which way is up; this applies that note.</summary>
    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var degrees = origin switch
        {
            SKEncodedOrigin.BottomRight => 180,
            SKEncodedOrigin.RightTop => 90,
            SKEncodedOrigin.LeftBottom => 270,
            _ => 0,
        };
        if (degrees == 0) return bitmap.Copy();
        var swap = degrees != 180;
        var rotated = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(rotated);
        canvas.Translate(rotated.Width / 2f, rotated.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        canvas.DrawBitmap(bitmap, 0, 0);
        return rotated;
    }
}
