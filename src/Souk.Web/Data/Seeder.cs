using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Data;

/// <summary>
/// Synthetic data for benchmarks: N users, each following F others with a skewed popularity (a few
/// accounts get most followers, as in real networks), and optionally L listings and P shop products (in shops of the seeded
/// seller accounts) with their search entries, and T notes with their likes, saves and comments (<see cref="NoteSeed"/>). Written with the providers' bulk paths
/// (one prepared statement in one transaction on SQLite, binary COPY on PostgreSQL), because
/// EF change tracking would take hours for millions of rows.
/// </summary>
public static class Seeder
{
    public static async Task<string> RunAsync(IServiceProvider services, int userCount, int followsEach, int listingCount, CancellationToken ct,
        int productCount = 0, int noteCount = 0)
    {
        // The social benchmark needs the long tail of a real network (most people have a few dozen followers, a few have
        // thousands); the older benchmarks keep the gentler skew their published numbers were measured with.
        var skew = noteCount > 0 ? FollowSkew.PowerLaw : FollowSkew.Square;
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<SoukUser>>();
        var run = Guid.NewGuid().ToString("N")[..5];
        // Every seeded account has the password "seed-password-1234" (hashed once).
        var hash = hasher.HashPassword(new SoukUser(), "seed-password-1234");
        var ids = new Guid[userCount];
        for (var i = 0; i < userCount; i++) ids[i] = Guid.CreateVersion7();
        var followers = new int[userCount];
        for (var i = 0; i < userCount; i++)
            foreach (var t in Targets(i, userCount, followsEach, skew)) followers[t]++;
        var now = DateTime.UtcNow;

        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (conn is SqliteConnection sqlite) await SeedSqliteAsync(sqlite, run, ids, followers, followsEach, skew, hash, now, ct);
            else await SeedPostgresAsync((NpgsqlConnection)conn, run, ids, followers, followsEach, skew, hash, now, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        var listings = listingCount > 0 ? await SeedListingsAsync(scope.ServiceProvider, db, ids, listingCount, ct) : "";
        // The seller accounts (every tenth user) open the shops.
        var products = productCount > 0 ? await SeedProductsAsync(scope.ServiceProvider, db, run, [.. ids.Where((_, i) => i % 10 == 0)], productCount, ct) : "";
        var notes = noteCount > 0 ? await SeedNotesAsync(scope.ServiceProvider, db, ids, followers, noteCount, ct) : "";
        var edges = (long)userCount * followsEach;
        return $"Seeded {userCount:N0} users (handles s{run}_0 … s{run}_{userCount - 1}, password seed-password-1234) and {edges:N0} follows{listings}{products}{notes} in {watch.Elapsed.TotalSeconds:F1} s on {db.Provider}.";
    }

    public static string HandleOf(string run, int i) => $"s{run}_{i}";

    /// <summary>
    /// Listings by the seeded users (see <see cref="ListingSeed"/>), with one shared placeholder photo, stored first through
    /// the app's own media path (so its URLs work), and the search entries of the active ones in the same transaction.
    /// </summary>
    static async Task<string> SeedListingsAsync(IServiceProvider services, SoukDb db, Guid[] sellers, int count, CancellationToken ct)
    {
        var photo = await PlaceholderPhotoAsync(services, sellers[0], DemoData.Shape.Camera, ct);
        var categories = CategorySeed.Nodes.ToDictionary(n => n.Slug, n => n.Id);
        var firstId = (await db.Listings.MaxAsync(l => (long?)l.Id, ct) ?? 0) + 1;
        var now = DateTime.UtcNow;
        var findable = 0;
        IEnumerable<ListingSeed.Generated> Items()
        {
            for (var i = 0; i < count; i++)
            {
                // A multiplicative hash spreads each seller's listings over the whole run.
                var seller = sellers[(int)((uint)i * 2654435761u % (uint)sellers.Length)];
                var item = ListingSeed.Generate(i, count, firstId + i, seller, photo.Id, categories[ListingSeed.CategorySlugFor(i)], now);
                if (item.Entry is not null) findable++;
                yield return item;
            }
        }

        await BulkLoadAsync(db,
            (sqlite, tx) => ListingSeed.WriteSqliteAsync(sqlite, tx, Items(), ct),
            npgsql => ListingSeed.WritePostgresAsync(npgsql, [.. Items()], CopyTimeout, ct),
            ["Listings", "ListingPhotos", "SearchEntries"], ct);
        return $", {count:N0} listings ({findable:N0} active, in search)";
    }


    /// <summary>
    /// Shops for the seller accounts (one each, as many as the products need at about 250 a shop) and their products (see
    /// <see cref="ProductSeed"/>) with one shared placeholder photo, the initial stock log and the findable products' search
    /// entries; every fourth shop owner becomes a verified brand.
    /// </summary>
    static async Task<string> SeedProductsAsync(IServiceProvider services, SoukDb db, string run, Guid[] sellers, int count, CancellationToken ct)
    {
        var photo = await PlaceholderPhotoAsync(services, sellers[0], DemoData.Shape.Bag, ct);
        var categories = CategorySeed.Nodes.ToDictionary(n => n.Slug, n => n.Id);
        var shops = ProductSeed.Shops([.. sellers.Take(Math.Clamp((count + 249) / 250, 1, sellers.Length))],
            (await db.Shops.MaxAsync(s => (long?)s.Id, ct) ?? 0) + 1, run);
        var firstId = (await db.Products.MaxAsync(p => (long?)p.Id, ct) ?? 0) + 1;
        var firstSku = (await db.Skus.MaxAsync(s => (long?)s.Id, ct) ?? 0) + 1;
        var now = DateTime.UtcNow;
        var findable = 0;
        var skus = 0L;
        IEnumerable<ProductSeed.Generated> Items()
        {
            findable = 0;
            skus = 0;
            var nextSku = firstSku;
            for (var i = 0; i < count; i++)
            {
                var item = ProductSeed.Generate(i, count, firstId + i, shops[i % shops.Count], ref nextSku, photo.Id, slug => categories[slug], now);
                if (item.Entry is not null) findable++;
                skus += item.Product.Skus.Count;
                yield return item;
            }
        }

        await BulkLoadAsync(db,
            (sqlite, tx) => ProductSeed.WriteSqliteAsync(sqlite, tx, shops, Items(), ct),
            npgsql => ProductSeed.WritePostgresAsync(npgsql, shops, [.. Items()], CopyTimeout, ct),
            ["Shops", "Products", "ProductPhotos", "ProductOptions", "Skus", "StockMovements", "SearchEntries"], ct);
        var brands = shops.Where(s => s.Brand).Select(s => s.OwnerId).ToList();
        await db.Users.Where(u => brands.Contains(u.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Kind, AccountKind.Brand).SetProperty(x => x.IsVerified, true), ct);
        return $", {shops.Count:N0} shops ({brands.Count:N0} verified brands) with {count:N0} products and {skus:N0} SKUs ({findable:N0} findable, in search)";
    }

    /// <summary>
    /// Notes by the seeded users (see <see cref="NoteSeed"/>) with a few shared photos, stored first through the app's own media
    /// path, and one "Saved" collection per user for the saves.
    /// </summary>
    static async Task<string> SeedNotesAsync(IServiceProvider services, SoukDb db, Guid[] users, int[] followers, int count, CancellationToken ct)
    {
        DemoData.Shape[] shapes = [DemoData.Shape.Sneaker, DemoData.Shape.Teapot, DemoData.Shape.Jacket, DemoData.Shape.Turntable];
        var photos = new Guid[shapes.Length];
        for (var i = 0; i < shapes.Length; i++) photos[i] = (await PlaceholderPhotoAsync(services, users[0], shapes[i], ct)).Id;
        var firstId = (await db.Notes.MaxAsync(n => (long?)n.Id, ct) ?? 0) + 1;
        var firstCollection = (await db.NoteCollections.MaxAsync(c => (long?)c.Id, ct) ?? 0) + 1;
        var now = DateTime.UtcNow;
        var collections = users.Select((u, i) => NoteSeed.CollectionOf(firstCollection + i, u, now)).ToList();
        long photoRows = 0, hashtags = 0, likes = 0, saves = 0, comments = 0;
        IEnumerable<NoteSeed.Generated> Items()
        {
            photoRows = hashtags = likes = saves = comments = 0;
            for (var i = 0; i < count; i++)
            {
                var item = NoteSeed.Generate(i, count, firstId + i, users, followers, photos, now);
                photoRows += item.Note.Photos.Count;
                hashtags += item.Note.Hashtags.Count;
                likes += item.Likers.Length;
                saves += item.Savers.Length;
                comments += item.Commenters.Length;
                yield return item;
            }
        }

        await BulkLoadAsync(db,
            (sqlite, tx) => NoteSeed.WriteSqliteAsync(sqlite, tx, collections, users, Items(), now, ct),
            npgsql => NoteSeed.WritePostgresAsync(npgsql, collections, users, Items, now, CopyTimeout, ct),
            ["NoteCollections", "Notes", "NotePhotos", "NoteHashtags", "NoteLikes", "NoteSaves", "NoteComments", "SearchEntries"], ct);
        return $", {count:N0} notes over {NoteSeed.Days} days ({photoRows:N0} photos, {hashtags:N0} hashtags, {likes:N0} likes, {saves:N0} saves, {comments:N0} comments)";
    }

    /// <summary>The one photo every seeded item shows, stored through the app's own media path (so its URLs work).</summary>
    static async Task<MediaResponse> PlaceholderPhotoAsync(IServiceProvider services, Guid owner, DemoData.Shape shape, CancellationToken ct)
    {
        var (photo, problem) = await services.GetRequiredService<MediaLibrary>().StoreAsync(owner, DemoData.GenerateProductPhoto(shape, 0xFF8899AA, 1, 0), ct);
        return photo ?? throw new InvalidOperationException($"The placeholder photo was refused: {problem?.ProblemDetails.Detail}");
    }

    /// <summary>
    /// One bulk load on the open connection. SQLite: one transaction with synchronous off and a large page cache, then the
    /// FTS5 segments written row by row merged into one b-tree and the planner's statistics refreshed. PostgreSQL: the COPYs
    /// in one transaction, then VACUUM ANALYZE of the tables written, not only ANALYZE: it sets the visibility map (index-only
    /// scans) and empties the GIN index's pending list, which a search would otherwise read through in full. Autovacuum gets
    /// there eventually; a benchmark should not wait.
    /// </summary>
    static async Task BulkLoadAsync(SoukDb db, Func<SqliteConnection, SqliteTransaction, Task> sqliteWrite, Func<NpgsqlConnection, Task> postgresWrite,
        string[] tables, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (conn is SqliteConnection sqlite)
            {
                await using (var pragma = sqlite.CreateCommand())
                {
                    pragma.CommandText = $"PRAGMA synchronous=OFF; PRAGMA cache_size=-{Math.Min(2L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 / 1024)};";
                    await pragma.ExecuteNonQueryAsync(ct);
                }
                await using (var tx = (SqliteTransaction)await sqlite.BeginTransactionAsync(ct))
                {
                    await sqliteWrite(sqlite, tx);
                    await tx.CommitAsync(ct);
                }
                await using var restore = sqlite.CreateCommand();
                restore.CommandText = $"INSERT INTO \"{SearchSql.FtsTable}\"(\"{SearchSql.FtsTable}\") VALUES ('optimize'); " +
                    "PRAGMA synchronous=FULL; PRAGMA cache_size=-2000; PRAGMA optimize;";
                await restore.ExecuteNonQueryAsync(ct);
            }
            else
            {
                var npgsql = (NpgsqlConnection)conn;
                await using (var tx = await npgsql.BeginTransactionAsync(ct))
                {
                    await postgresWrite(npgsql);
                    await tx.CommitAsync(ct);
                }
                // One command each: VACUUM cannot run inside the implicit transaction of a multi-statement command.
                foreach (var table in tables)
                {
                    await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE \"{table}\"", npgsql);
                    vacuum.CommandTimeout = (int)CopyTimeout.TotalSeconds;
                    await vacuum.ExecuteNonQueryAsync(ct);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>How follows pick their targets; both make early users the popular ones.</summary>
    enum FollowSkew
    {
        /// <summary>Squaring a uniform draw: with 200 follows each, every user still has at least about 100 followers.</summary>
        Square,
        /// <summary>
        /// A log-uniform draw (n to the power of a uniform draw): user t is chosen in proportion to 1/(t+1), Zipf's law. With
        /// 20,000 users following 200 each: median 58 followers, 71 % under 100, 1 % over 2,700, the first few followed by all.
        /// </summary>
        PowerLaw,
    }

    /// <summary>Deterministic per user, so the counting pass and the writing pass agree without holding every edge.</summary>
    static IEnumerable<int> Targets(int user, int n, int count, FollowSkew skew)
    {
        var random = new Random(user * 7919 + 17);
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            var t = skew == FollowSkew.Square ? (int)(n * Math.Pow(random.NextDouble(), 2)) : (int)Math.Pow(n, random.NextDouble()) - 1;
            if (t != user && chosen.Add(t)) yield return t;
        }
    }

    static async Task SeedSqliteAsync(SqliteConnection conn, string run, Guid[] ids, int[] followers, int followsEach, FollowSkew skew, string hash, DateTime now, CancellationToken ct)
    {
        await using (var pragma = conn.CreateCommand())
        {
            // One transaction writes every row; with SQLite's default 2 MB page cache, each random insert into the
            // FolloweeId index spills pages to the WAL again and again (20M follows took well over 10 minutes).
            // A cache that can hold the indexes (up to 2 GiB, at most a quarter of memory) writes each page once.
            var cacheKiB = Math.Min(2L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 / 1024);
            pragma.CommandText = $"PRAGMA synchronous=OFF; PRAGMA cache_size=-{cacheKiB};";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO "AspNetUsers" ("Id","UserName","NormalizedUserName","Email","NormalizedEmail","EmailConfirmed","PasswordHash","SecurityStamp","ConcurrencyStamp",
                  "PhoneNumberConfirmed","TwoFactorEnabled","LockoutEnabled","AccessFailedCount","DisplayName","Bio","Kind","IsVerified","FollowersCount","FollowingCount","CreatedAt")
                VALUES ($id,$h,$nh,$e,$ne,1,$hash,$ss,$cs,0,0,1,0,$dn,'',$kind,0,$fc,$fg,$at)
                """;
            var p = new[] { "$id", "$h", "$nh", "$e", "$ne", "$hash", "$ss", "$cs", "$dn", "$kind", "$fc", "$fg", "$at" }
                .ToDictionary(n => n, n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n }));
            p["$id"].SqliteType = SqliteType.Text;
            cmd.Prepare();
            for (var i = 0; i < ids.Length; i++)
            {
                var handle = HandleOf(run, i);
                p["$id"].Value = ids[i];
                p["$h"].Value = handle;
                p["$nh"].Value = handle.ToUpperInvariant();
                p["$e"].Value = $"{handle}@seed.souk.local";
                p["$ne"].Value = $"{handle}@SEED.SOUK.LOCAL".ToUpperInvariant();
                p["$hash"].Value = hash;
                p["$ss"].Value = Guid.NewGuid().ToString("N").ToUpperInvariant();
                p["$cs"].Value = Guid.NewGuid().ToString();
                p["$dn"].Value = $"Seed User {i}";
                p["$kind"].Value = i % 10 == 0 ? (int)AccountKind.Seller : (int)AccountKind.Personal;
                p["$fc"].Value = followers[i];
                p["$fg"].Value = followsEach;
                p["$at"].Value = now.AddSeconds(-ids.Length + i);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """INSERT INTO "Follows" ("FollowerId","FolloweeId","CreatedAt") VALUES ($a,$b,$at)""";
            var a = cmd.Parameters.Add(new SqliteParameter("$a", SqliteType.Text));
            var b = cmd.Parameters.Add(new SqliteParameter("$b", SqliteType.Text));
            var at = cmd.Parameters.Add(new SqliteParameter("$at", SqliteType.Text));
            cmd.Prepare();
            at.Value = now;
            for (var i = 0; i < ids.Length; i++)
            {
                a.Value = ids[i];
                foreach (var t in Targets(i, ids.Length, followsEach, skew))
                {
                    b.Value = ids[t];
                    await cmd.ExecuteNonQueryAsync(ct);
                }
            }
        }
        await tx.CommitAsync(ct);
        await using var restore = conn.CreateCommand();
        restore.CommandText = "PRAGMA synchronous=FULL; PRAGMA cache_size=-2000; PRAGMA optimize;";
        await restore.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Completing a COPY of millions of follows (foreign-key checks, indexes) takes minutes, far past the 30 s command timeout.</summary>
    static readonly TimeSpan CopyTimeout = TimeSpan.FromHours(1);

    static async Task SeedPostgresAsync(NpgsqlConnection conn, string run, Guid[] ids, int[] followers, int followsEach, FollowSkew skew, string hash, DateTime now, CancellationToken ct)
    {
        await using (var users = await conn.BeginBinaryImportAsync("""
            COPY "AspNetUsers" ("Id","UserName","NormalizedUserName","Email","NormalizedEmail","EmailConfirmed","PasswordHash","SecurityStamp","ConcurrencyStamp",
              "PhoneNumberConfirmed","TwoFactorEnabled","LockoutEnabled","AccessFailedCount","DisplayName","Bio","Kind","IsVerified","FollowersCount","FollowingCount","CreatedAt")
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            users.Timeout = CopyTimeout;
            for (var i = 0; i < ids.Length; i++)
            {
                var handle = HandleOf(run, i);
                await users.StartRowAsync(ct);
                await users.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                await users.WriteAsync(handle, NpgsqlDbType.Varchar, ct);
                await users.WriteAsync(handle.ToUpperInvariant(), NpgsqlDbType.Varchar, ct);
                await users.WriteAsync($"{handle}@seed.souk.local", NpgsqlDbType.Varchar, ct);
                await users.WriteAsync($"{handle}@seed.souk.local".ToUpperInvariant(), NpgsqlDbType.Varchar, ct);
                await users.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await users.WriteAsync(hash, NpgsqlDbType.Text, ct);
                await users.WriteAsync(Guid.NewGuid().ToString("N").ToUpperInvariant(), NpgsqlDbType.Text, ct);
                await users.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text, ct);
                await users.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await users.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await users.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await users.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await users.WriteAsync($"Seed User {i}", NpgsqlDbType.Varchar, ct);
                await users.WriteAsync("", NpgsqlDbType.Varchar, ct);
                await users.WriteAsync(i % 10 == 0 ? (int)AccountKind.Seller : (int)AccountKind.Personal, NpgsqlDbType.Integer, ct);
                await users.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await users.WriteAsync(followers[i], NpgsqlDbType.Integer, ct);
                await users.WriteAsync(followsEach, NpgsqlDbType.Integer, ct);
                await users.WriteAsync(now.AddSeconds(-ids.Length + i), NpgsqlDbType.TimestampTz, ct);
            }
            await users.CompleteAsync(ct);
        }
        await using (var edges = await conn.BeginBinaryImportAsync("""COPY "Follows" ("FollowerId","FolloweeId","CreatedAt") FROM STDIN (FORMAT BINARY)""", ct))
        {
            edges.Timeout = CopyTimeout;
            for (var i = 0; i < ids.Length; i++)
            {
                foreach (var t in Targets(i, ids.Length, followsEach, skew))
                {
                    await edges.StartRowAsync(ct);
                    await edges.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                    await edges.WriteAsync(ids[t], NpgsqlDbType.Uuid, ct);
                    await edges.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                }
            }
            await edges.CompleteAsync(ct);
        }
        await using var analyze = new NpgsqlCommand("""ANALYZE "AspNetUsers"; ANALYZE "Follows";""", conn);
        analyze.CommandTimeout = (int)CopyTimeout.TotalSeconds;
        await analyze.ExecuteNonQueryAsync(ct);
    }
}
