using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Chat;
using Souk.Web.Common;
using Souk.Web.Modules.Notes;
using Souk.Web.Modules.GroupBuys;
using Souk.Web.Modules.Orders;
using Souk.Web.Modules.Wallet;

namespace Souk.Web.Data;

/// <summary>
/// The one DbContext. Each module configures its own entities (IEntityTypeConfiguration beside the entity);
/// the provider-specific subclasses exist only so each provider has its own migration set.
/// </summary>
public abstract class SoukDb(DbContextOptions options)
    : IdentityDbContext<SoukUser, IdentityRole<Guid>, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>, IdentityUserLogin<Guid>,
        IdentityRoleClaim<Guid>, IdentityUserToken<Guid>, IdentityUserPasskey<Guid>>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<MediaAsset> MediaAssets => Set<MediaAsset>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<CategoryName> CategoryNames => Set<CategoryName>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<ListingPhoto> ListingPhotos => Set<ListingPhoto>();
    public DbSet<ListingSave> ListingSaves => Set<ListingSave>();
    public DbSet<Shop> Shops => Set<Shop>();
    public DbSet<ShopSection> ShopSections => Set<ShopSection>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductPhoto> ProductPhotos => Set<ProductPhoto>();
    public DbSet<ProductOption> ProductOptions => Set<ProductOption>();
    public DbSet<Sku> Skus => Set<Sku>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<NotePhoto> NotePhotos => Set<NotePhoto>();
    public DbSet<NoteTag> NoteTags => Set<NoteTag>();
    public DbSet<NoteHashtag> NoteHashtags => Set<NoteHashtag>();
    public DbSet<NoteMention> NoteMentions => Set<NoteMention>();
    public DbSet<NoteLike> NoteLikes => Set<NoteLike>();
    public DbSet<NoteCollection> NoteCollections => Set<NoteCollection>();
    public DbSet<NoteSave> NoteSaves => Set<NoteSave>();
    public DbSet<NoteComment> NoteComments => Set<NoteComment>();
    public DbSet<CommentLike> CommentLikes => Set<CommentLike>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<UserBlock> UserBlocks => Set<UserBlock>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<MessageReport> MessageReports => Set<MessageReport>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<UserPresence> UserPresences => Set<UserPresence>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();
    public DbSet<LedgerTransaction> LedgerTransactions => Set<LedgerTransaction>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<EscrowHold> EscrowHolds => Set<EscrowHold>();
    public DbSet<VoucherBatch> VoucherBatches => Set<VoucherBatch>();
    public DbSet<Voucher> Vouchers => Set<Voucher>();
    public DbSet<Payout> Payouts => Set<Payout>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<TeamOffer> TeamOffers => Set<TeamOffer>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<TeamTier> TeamTiers => Set<TeamTier>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SoukDb).Assembly, type => !type.IsAbstract && type.Namespace?.StartsWith("Souk.Web.Modules", StringComparison.Ordinal) == true);
        builder.ApplyConfiguration(new IdempotencyRecordConfiguration());
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class SqliteSoukDb(DbContextOptions<SqliteSoukDb> options) : SoukDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite has no time zone: store UTC and read it back as UTC, not Unspecified.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class PostgresSoukDb(DbContextOptions<PostgresSoukDb> options) : SoukDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
