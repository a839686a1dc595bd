using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Data;

/// <summary>
/// Believable demo people for a first run: created once, on an empty database. They share one random
/// password, printed at start and kept in data/demo-credentials.txt, so a public demo is not an open door.
/// </summary>
public static class DemoData
{
    public sealed record DemoPerson(string Handle, string DisplayName, AccountKind Kind, bool Verified, string Culture, string Bio, uint Colour);

    public const string OperatorHandle = "souk_operator";

    public static readonly DemoPerson[] People =
    [
        new("amy_hk", "Amy Chan 陳美儀", AccountKind.Seller, false, "zh-Hant-HK",
            "旺角二手相機、菲林同鏡頭 📷 Pre-loved cameras and lenses from Mong Kok. Meet-ups at MTR stations.", 0xFFE4572E),
        new("atelier_milano", "Atelier Milano", AccountKind.Brand, true, "it",
            "Borse in pelle fatte a mano a Milano dal 1978. Account ufficiale.", 0xFF2E4057),
        new("masha_moscow", "Маша Иванова", AccountKind.Creator, false, "ru",
            "Честные обзоры косметики и уходовых средств. Москва ✨", 0xFFD1495B),
        new("li_wei", "李伟", AccountKind.Personal, false, "zh-Hans-CN",
            "上海，喜欢咖啡和黑胶唱片。", 0xFF00798C),
        new("sam_london", "Sam Taylor", AccountKind.Seller, false, "en",
            "Vintage trainers and streetwear, London. Ships worldwide.", 0xFF66A182),
        new("giulia_cucina", "Giulia Romano", AccountKind.Creator, false, "it",
            "Ricette di casa e utensili da cucina che uso davvero. Torino.", 0xFFEDAE49),
        new("kowloon_tea", "九龍茶莊 Kowloon Tea House", AccountKind.Brand, true, "zh-Hant-HK",
            "Since 1962. 傳統手工茶葉 · Hand-roasted oolong and pu'er.", 0xFF6D597A),
    ];

    static readonly (string From, string To)[] FollowEdges =
    [
        ("amy_hk", "kowloon_tea"), ("amy_hk", "sam_london"), ("atelier_milano", "giulia_cucina"),
        ("masha_moscow", "atelier_milano"), ("masha_moscow", "amy_hk"), ("li_wei", "amy_hk"), ("li_wei", "kowloon_tea"),
        ("li_wei", "masha_moscow"), ("sam_london", "atelier_milano"), ("giulia_cucina", "atelier_milano"),
        ("giulia_cucina", "masha_moscow"), ("kowloon_tea", "amy_hk"),
    ];

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SoukDb>();
        if (await db.Users.AnyAsync(ct)) return;

        var users = sp.GetRequiredService<UserManager<SoukUser>>();
        var images = sp.GetRequiredService<ImagePipeline>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Souk.DemoData");
        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
        // Hash once for every demo account: 210,000 PBKDF2 rounds per person would slow the first start.
        var hash = users.PasswordHasher.HashPassword(new SoukUser(), password);
        var now = clock.GetUtcNow().UtcDateTime;

        var all = People.Append(new DemoPerson(OperatorHandle, "Souk Operator", AccountKind.Personal, true, "en", "Keeps this Souk running.", 0xFF333333)).ToArray();
        var ids = all.Select(_ => Guid.CreateVersion7()).ToArray();
        // Drawing and encoding the avatars is most of the demo's cost: spread it over the cores, before any database work.
        var avatarKeys = new string?[all.Length];
        await Parallel.ForAsync(0, all.Length, ct, async (i, token) =>
        {
            var (stored, _) = await images.StoreAsync(GenerateAvatar(all[i].Colour, i + 1), $"avatars/{ids[i]:N}", ImagePipeline.AvatarRenditions, token);
            avatarKeys[i] = stored?.Key;
        });

        var created = new Dictionary<string, SoukUser>();
        // One transaction: with synchronous=FULL every commit is an fsync, and a first start should not wait for twenty of them.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < all.Length; i++)
        {
            var p = all[i];
            var user = new SoukUser
            {
                Id = ids[i],
                UserName = p.Handle,
                Email = $"{p.Handle.Replace('_', '.')}@demo.souk.local",
                EmailConfirmed = true,
                DisplayName = p.DisplayName,
                Bio = p.Bio,
                Kind = p.Kind,
                IsVerified = p.Verified,
                PreferredCulture = p.Culture,
                PasswordHash = hash,
                LockoutEnabled = true,
                AvatarKey = avatarKeys[i],
                CreatedAt = now.AddDays(-30 + i),
            };
            var result = await users.CreateAsync(user);
            if (!result.Succeeded) throw new InvalidOperationException($"Demo user {p.Handle}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            created[p.Handle] = user;
        }
        await users.AddToRoleAsync(created[OperatorHandle], CurrentUser.OperatorRole);

        foreach (var (from, to) in FollowEdges)
        {
            db.Follows.Add(new Follow { FollowerId = created[from].Id, FolloweeId = created[to].Id, CreatedAt = now });
        }
        await db.SaveChangesAsync(ct);
        foreach (var u in created.Values)
        {
            var followers = FollowEdges.Count(e => e.To == u.UserName);
            var following = FollowEdges.Count(e => e.From == u.UserName);
            await db.Users.Where(x => x.Id == u.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.FollowersCount, followers).SetProperty(x => x.FollowingCount, following), ct);
        }
        await tx.CommitAsync(ct);

        var operatorEmail = created[OperatorHandle].Email;
        var message = $"Demo data created. Operator: {operatorEmail} / {password} (every demo account, e.g. amy.hk@demo.souk.local, uses the same password).";
        log.LogWarning("{Message}", message);
        Console.WriteLine(message);
        try
        {
            Directory.CreateDirectory("data");
            var file = Path.Combine("data", "demo-credentials.txt");
            await File.WriteAllTextAsync(file, message + Environment.NewLine, ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (IOException ex)
        {
            log.LogInformation(ex, "Could not write data/demo-credentials.txt");
        }
    }

    /// <summary>A generated avatar (gradient and shapes), so demo data needs no downloads and no fonts.</summary>
    public static byte[] GenerateAvatar(uint colour, int seed)
    {
        const int size = 512;
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        var canvas = surface.Canvas;
        var baseColour = new SKColor(colour);
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(size, size),
                [baseColour, baseColour.WithAlpha(160)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, size, size, paint);
        }
        var random = new Random(seed);
        using var shape = new SKPaint { Color = SKColors.White.WithAlpha(90), IsAntialias = true };
        for (var k = 0; k < 5; k++)
        {
            canvas.DrawCircle(random.Next(size), random.Next(size), random.Next(40, 160), shape);
        }
        using var face = new SKPaint { Color = SKColors.White.WithAlpha(230), IsAntialias = true };
        canvas.DrawCircle(size / 2f, size * 0.4f, size * 0.16f, face);
        canvas.DrawOval(new SKRect(size * 0.22f, size * 0.62f, size * 0.78f, size * 1.05f), face);
        using var image = surface.Snapshot();
        // JPEG, not PNG: it goes through the upload pipeline, which re-encodes it anyway, and PNG's deflate is slow.
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return jpeg.ToArray();
    }
}
