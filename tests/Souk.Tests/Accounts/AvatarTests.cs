using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SkiaSharp;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Accounts;

/// <summary>POST /api/v1/me/avatar: checked by content, resized to WebP renditions, metadata stripped, served immutable.</summary>
public abstract class AvatarTests(SoukAppFactory factory)
{
    static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType, string field = "file")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    static string[] Urls(JsonElement me)
    {
        var avatar = me.GetProperty("avatar");
        return [avatar.GetProperty("small").GetString()!, avatar.GetProperty("medium").GetString()!, avatar.GetProperty("large").GetString()!];
    }

    async Task<string> MeTextAsync(Session session)
    {
        using var me = await session.Client.GetAsync("/api/v1/me");
        await me.ShouldBeAsync(HttpStatusCode.OK);
        return await me.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_png_becomes_three_immutable_webp_renditions()
    {
        var session = await factory.NewSessionAsync();
        using var form = Form(TestImages.Png(300, 200), "me.png", "image/png");

        using var upload = await session.Client.PostAsync("/api/v1/me/avatar", form);

        await upload.ShouldBeAsync(HttpStatusCode.OK);
        var urls = Urls(await upload.JsonAsync());
        Assert.Equal(3, urls.Distinct().Count());
        using var anonymous = factory.Anonymous();
        var expectedSides = new[] { 96, 200, 200 }; // square crops, never upscaled past the shorter side
        for (var i = 0; i < urls.Length; i++)
        {
            using var image = await anonymous.GetAsync(urls[i]);
            await image.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("image/webp", image.Content.Headers.ContentType?.MediaType);
            Assert.Contains("immutable", image.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            var bytes = await image.Content.ReadAsByteArrayAsync();
            using var codec = SKCodec.Create(new MemoryStream(bytes));
            Assert.Equal(SKEncodedImageFormat.Webp, codec.EncodedFormat);
            Assert.Equal(expectedSides[i], codec.Info.Width);
            Assert.Equal(expectedSides[i], codec.Info.Height);
        }
        using var profile = await anonymous.GetAsync($"/api/v1/users/{session.Account.Handle}");
        Assert.Equal(urls, Urls(await profile.JsonAsync()));
    }

    [Fact]
    public async Task A_jpeg_with_gps_exif_is_rotated_upright_and_loses_its_metadata()
    {
        var session = await factory.NewSessionAsync();
        var upload = TestImages.JpegWithGpsAndRotation(200, 100);
        // The test image really carries what we claim: EXIF, the GPS bytes, and an orientation Skia reads.
        Assert.True(TestImages.Contains(upload, "Exif\0\0"u8));
        Assert.True(TestImages.Contains(upload, TestImages.GpsSecondsRational));
        using (var codec = SKCodec.Create(new MemoryStream(upload))) Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
        using var form = Form(upload, "holiday.jpg", "image/jpeg");

        using var response = await session.Client.PostAsync("/api/v1/me/avatar", form);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        using var anonymous = factory.Anonymous();
        foreach (var url in Urls(await response.JsonAsync()))
        {
            var bytes = await anonymous.GetByteArrayAsync(url);
            Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
            Assert.Equal("WEBP", Encoding.ASCII.GetString(bytes, 8, 4));
            Assert.False(TestImages.Contains(bytes, "EXIF"u8), $"{url} has an EXIF chunk");
            Assert.False(TestImages.Contains(bytes, "Exif"u8), $"{url} carries Exif data");
            Assert.False(TestImages.Contains(bytes, "XMP "u8), $"{url} has an XMP chunk");
            Assert.False(TestImages.Contains(bytes, TestImages.GpsSecondsRational), $"{url} still holds the GPS bytes");
            // Left (red) half of the original is on top once rotated 90° clockwise; blue at the bottom.
            using var bitmap = SKBitmap.Decode(bytes);
            var top = bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 8);
            var bottom = bitmap.GetPixel(bitmap.Width / 2, bitmap.Height * 7 / 8);
            Assert.True(top.Red > 200 && top.Blue < 60, $"{url}: top should be red, was {top}");
            Assert.True(bottom.Blue > 200 && bottom.Red < 60, $"{url}: bottom should be blue, was {bottom}");
        }
    }

    [Fact]
    public async Task A_new_avatar_replaces_the_old_files()
    {
        var session = await factory.NewSessionAsync();
        using var first = Form(TestImages.Png(), "a.png", "image/png");
        using var firstResponse = await session.Client.PostAsync("/api/v1/me/avatar", first);
        await firstResponse.ShouldBeAsync(HttpStatusCode.OK);
        var oldUrls = Urls(await firstResponse.JsonAsync());

        using var second = Form(TestImages.Jpeg(80, 80), "b.jpg", "image/jpeg");
        using var secondResponse = await session.Client.PostAsync("/api/v1/me/avatar", second);

        await secondResponse.ShouldBeAsync(HttpStatusCode.OK);
        var newUrls = Urls(await secondResponse.JsonAsync());
        using var anonymous = factory.Anonymous();
        foreach (var url in oldUrls)
        {
            using var gone = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        foreach (var url in newUrls)
        {
            using var there = await anonymous.GetAsync(url);
            await there.ShouldBeAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_text_file_named_like_a_jpeg_is_refused_and_changes_nothing()
    {
        var session = await factory.NewSessionAsync();
        var before = await MeTextAsync(session);
        using var form = Form(Encoding.UTF8.GetBytes("this is not a picture, just words\n"), "photo.jpg", "image/jpeg");

        using var response = await session.Client.PostAsync("/api/v1/me/avatar", form);

        Assert.True(response.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest, $"Got {response.StatusCode}");
        await response.ShouldBeProblemAsync(response.StatusCode);
        Assert.Equal(before, await MeTextAsync(session));
        var id = JsonDocument.Parse(before).RootElement.GetProperty("id").GetGuid();
        Assert.False(Directory.Exists(Path.Combine(factory.BlobRoot, "avatars", id.ToString("N"))), "Blobs were written for a refused upload");
    }

    [Fact]
    public async Task A_9_MB_body_is_413()
    {
        var session = await factory.NewSessionAsync();
        var before = await MeTextAsync(session);
        var big = new byte[9 * 1024 * 1024];
        TestImages.Png().CopyTo(big, 0);
        using var form = Form(big, "huge.png", "image/png");

        using var response = await session.Client.PostAsync("/api/v1/me/avatar", form);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await MeTextAsync(session));
    }

    [Fact]
    public async Task A_json_body_is_415()
    {
        var session = await factory.NewSessionAsync();

        using var response = await session.Client.PostJsonAsync("/api/v1/me/avatar", new { file = "aGVsbG8=" });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_form_without_the_file_field_is_400_on_file()
    {
        var session = await factory.NewSessionAsync();
        using var form = Form(TestImages.Png(), "me.png", "image/png", field: "picture");

        using var response = await session.Client.PostAsync("/api/v1/me/avatar", form);

        await response.ShouldBeValidationProblemAsync("file");
    }

    [Fact]
    public async Task Upload_without_credentials_is_401()
    {
        using var client = factory.Anonymous();
        using var form = Form(TestImages.Png(), "me.png", "image/png");

        using var response = await client.PostAsync("/api/v1/me/avatar", form);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteAvatarTests(SqliteAppFactory factory) : AvatarTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAvatarTests(PostgresAppFactory factory) : AvatarTests(factory), IClassFixture<PostgresAppFactory>;
