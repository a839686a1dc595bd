using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>POST /api/v1/media: by content, upright, metadata stripped, three WebP renditions, a row owned by the uploader.</summary>
public abstract class MediaTests(SoukAppFactory factory)
{
    [Fact]
    public async Task A_photo_becomes_a_media_asset_with_three_renditions()
    {
        var session = await factory.NewSessionAsync();
        using var form = CatalogApi.Form(TestImages.Jpeg(2000, 1000), "camera.jpg", "image/jpeg");

        using var response = await session.Client.PostAsync("/api/v1/media", form);

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal(7, id.Version);
        Assert.Equal(2000, body.GetProperty("width").GetInt32());
        Assert.Equal(1000, body.GetProperty("height").GetInt32());
        var urls = body.GetProperty("urls");
        var expected = new Dictionary<string, (int W, int H)> { ["thumbnail"] = (320, 320), ["medium"] = (800, 400), ["large"] = (1600, 800) };
        using var anonymous = factory.Anonymous();
        foreach (var (name, size) in expected)
        {
            var url = urls.GetProperty(name).GetString()!;
            using var image = await anonymous.GetAsync(url);
            await image.ShouldBeAsync(HttpStatusCode.OK);
            // The zoom and phone-width views are JPEGs (fast to encode), the thumbnail every grid shows is a WebP (small).
            var (mediaType, format) = name == "thumbnail" ? ("image/webp", SKEncodedImageFormat.Webp) : ("image/jpeg", SKEncodedImageFormat.Jpeg);
            Assert.Equal(mediaType, image.Content.Headers.ContentType?.MediaType);
            Assert.Contains("immutable", image.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            using var codec = SKCodec.Create(new MemoryStream(await image.Content.ReadAsByteArrayAsync()));
            Assert.Equal(format, codec.EncodedFormat);
            Assert.Equal(size, (codec.Info.Width, codec.Info.Height));
        }
        var me = (await (await session.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        var row = await factory.QueryAsync(db => db.MediaAssets.SingleAsync(m => m.Id == id));
        Assert.Equal(me, row.OwnerId);
        Assert.Equal((2000, 1000), (row.Width, row.Height));
    }

    [Fact]
    public async Task Gps_exif_is_dropped_and_the_photo_is_turned_upright()
    {
        var session = await factory.NewSessionAsync();
        using var form = CatalogApi.Form(TestImages.JpegWithGpsAndRotation(200, 100), "holiday.jpg", "image/jpeg");

        using var response = await session.Client.PostAsync("/api/v1/media", form);

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        // Orientation 6: the 200×100 sensor image is 100×200 once upright.
        Assert.Equal(100, body.GetProperty("width").GetInt32());
        Assert.Equal(200, body.GetProperty("height").GetInt32());
        using var anonymous = factory.Anonymous();
        foreach (var rendition in body.GetProperty("urls").EnumerateObject())
        {
            var bytes = await anonymous.GetByteArrayAsync(rendition.Value.GetString());
            Assert.False(TestImages.Contains(bytes, "Exif"u8), $"{rendition.Name} carries Exif data");
            Assert.False(TestImages.Contains(bytes, TestImages.GpsSecondsRational), $"{rendition.Name} still holds the GPS bytes");
        }
    }

    [Fact]
    public async Task A_12_MP_portrait_camera_photo_is_turned_upright_at_the_exact_sizes()
    {
        // 4032×3024 sensor pixels, Orientation 6: upright it is 3024×4032, red on top (the sensor's left half), blue below.
        // The pipeline decodes it at a reduced scale and makes each rendition from the one before; the result must not show it.
        var session = await factory.NewSessionAsync();
        using var form = CatalogApi.Form(TestImages.JpegWithGpsAndRotation(4032, 3024), "IMG_0001.jpg", "image/jpeg");

        using var response = await session.Client.PostAsync("/api/v1/media", form);

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        Assert.Equal((3024, 4032), (body.GetProperty("width").GetInt32(), body.GetProperty("height").GetInt32()));
        var expected = new Dictionary<string, (int W, int H)> { ["thumbnail"] = (320, 320), ["medium"] = (600, 800), ["large"] = (1200, 1600) };
        using var anonymous = factory.Anonymous();
        foreach (var (name, size) in expected)
        {
            using var image = SKBitmap.Decode(await anonymous.GetByteArrayAsync(body.GetProperty("urls").GetProperty(name).GetString()));
            Assert.Equal(size, (image.Width, image.Height));
            var top = image.GetPixel(image.Width / 2, image.Height / 10);
            var bottom = image.GetPixel(image.Width / 2, image.Height * 9 / 10);
            Assert.True(top.Red > 200 && top.Blue < 60, $"{name}: expected red at the top, got {top}");
            Assert.True(bottom.Blue > 200 && bottom.Red < 60, $"{name}: expected blue at the bottom, got {bottom}");
        }
    }

    [Fact]
    public async Task A_text_file_named_like_a_jpeg_is_415_and_stores_nothing()
    {
        var session = await factory.NewSessionAsync();
        using var form = CatalogApi.Form(Encoding.UTF8.GetBytes("not a picture at all\n"), "photo.jpg", "image/jpeg");

        using var response = await session.Client.PostAsync("/api/v1/media", form);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var me = (await (await session.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(0, await factory.QueryAsync(db => db.MediaAssets.CountAsync(m => m.OwnerId == me)));
        Assert.False(Directory.Exists(Path.Combine(factory.BlobRoot, "media", me.ToString("N"))), "Blobs were written for a refused upload");
    }

    [Fact]
    public async Task A_17_MB_upload_is_413_and_stores_nothing()
    {
        var session = await factory.NewSessionAsync();
        var big = new byte[17 * 1024 * 1024];
        TestImages.Png().CopyTo(big, 0);
        using var form = CatalogApi.Form(big, "huge.png", "image/png");

        using var response = await session.Client.PostAsync("/api/v1/media", form);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var me = (await (await session.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(0, await factory.QueryAsync(db => db.MediaAssets.CountAsync(m => m.OwnerId == me)));
    }

    [Fact]
    public async Task A_json_body_is_415_and_a_form_without_file_is_400_on_file()
    {
        var session = await factory.NewSessionAsync();

        using var json = await session.Client.PostJsonAsync("/api/v1/media", new { file = "aGVsbG8=" });
        using var form = CatalogApi.Form(TestImages.Png(), "p.png", "image/png", field: "picture");
        using var noFile = await session.Client.PostAsync("/api/v1/media", form);

        await json.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await noFile.ShouldBeValidationProblemAsync("file");
    }

    [Theory]
    [InlineData("large")]
    [InlineData("medium")]
    public async Task A_photo_stored_before_its_view_became_a_jpeg_is_still_served_at_its_new_url(string rendition)
    {
        var session = await factory.NewSessionAsync();
        using var form = CatalogApi.Form(TestImages.Jpeg(1800, 900), "old.jpg", "image/jpeg");
        using var response = await session.Client.PostAsync("/api/v1/media", form);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        var url = (await response.JsonAsync()).GetProperty("urls").GetProperty(rendition).GetString()!;
        // What an upload from before looks like on disk: the same picture as a .webp, no .jpg.
        var store = (Souk.Web.Common.LocalDiskBlobStore)factory.Services.GetRequiredService<Souk.Web.Common.IBlobStore>();
        var file = Path.Combine(store.Root, new Uri(url).AbsolutePath["/media/".Length..]);
        using (var bitmap = SKBitmap.Decode(file))
        using (var webp = bitmap.Encode(SKEncodedImageFormat.Webp, 80))
            await File.WriteAllBytesAsync(Path.ChangeExtension(file, ".webp"), webp.ToArray());
        File.Delete(file);

        using var anonymous = factory.Anonymous();
        using var image = await anonymous.GetAsync(url);

        await image.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("image/webp", image.Content.Headers.ContentType?.MediaType);
        using var missing = await anonymous.GetAsync(url.Replace($"/{rendition}.jpg", $"/nothing/{rendition}.jpg", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Upload_without_credentials_is_401()
    {
        using var client = factory.Anonymous();
        using var form = CatalogApi.Form(TestImages.Png(), "p.png", "image/png");
        var before = await factory.QueryAsync(db => db.MediaAssets.CountAsync());

        using var response = await client.PostAsync("/api/v1/media", form);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await factory.QueryAsync(db => db.MediaAssets.CountAsync()));
    }
}

public sealed class SqliteMediaTests(SqliteAppFactory factory) : MediaTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresMediaTests(PostgresAppFactory factory) : MediaTests(factory), IClassFixture<PostgresAppFactory>;
