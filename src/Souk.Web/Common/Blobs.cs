using Microsoft.Extensions.FileProviders;

namespace Souk.Web.Common;

/// <summary>Where uploaded media lives. Local disk by default; an S3-compatible store can implement this later.</summary>
public interface IBlobStore
{
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);
    Task DeletePrefixAsync(string prefix, CancellationToken ct);
    string UrlFor(string key);
}

public sealed class LocalDiskBlobStore : IBlobStore
{
    public const string RequestPath = "/media";

    public LocalDiskBlobStore(IConfiguration config)
    {
        Root = Path.GetFullPath(config["Blobs:Root"] ?? "data/media");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write then rename so a reader never sees half a file.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, content, ct);
        File.Move(temp, path, overwrite: true);
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken ct)
    {
        var dir = PathFor(prefix);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    public string UrlFor(string key) => $"{RequestPath}/{key}";

    bool Exists(string key)
    {
        try { return File.Exists(PathFor(key)); }
        catch (ArgumentException) { return false; } // a key that escapes the store is simply not there
    }

    string PathFor(string key)
    {
        var full = Path.GetFullPath(Path.Combine(Root, key));
        if (!full.StartsWith(Root, StringComparison.Ordinal)) throw new ArgumentException("Blob key escapes the store.", nameof(key));
        return full;
    }

    /// <summary>Serves blobs as static files; keys are content-versioned, so they can be cached for a year.</summary>
    public static void MapStatic(WebApplication app)
    {
        var store = app.Services.GetRequiredService<IBlobStore>() as LocalDiskBlobStore;
        if (store is null) return;
        // Photos stored before the zoom and phone-width views became JPEGs (2026-11-23) have large.webp and medium.webp on disk;
        // their URLs now say .jpg.
        app.Use((ctx, next) =>
        {
            var path = ctx.Request.Path.Value;
            if (path is not null && path.StartsWith(RequestPath + "/", StringComparison.Ordinal)
                && (path.EndsWith("/large.jpg", StringComparison.Ordinal) || path.EndsWith("/medium.jpg", StringComparison.Ordinal)))
            {
                var key = path[(RequestPath.Length + 1)..];
                var legacy = key[..^"jpg".Length] + "webp";
                if (store.Exists(legacy) && !store.Exists(key)) ctx.Request.Path = $"{RequestPath}/{legacy}";
            }
            return next(ctx);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(store.Root),
            RequestPath = RequestPath,
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
    }
}
