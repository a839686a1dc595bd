namespace Souk.Web.Modules.Chat.Pages;

/// <summary>
/// Who reads the messages being rendered, and what that allows: their own messages can be edited until EditableAfter has
/// passed them (the server checks again), and in groups every other sender is named above their message.
/// OthersReadUpTo is how far the other members have read: "Read" shows under my last message up to there.
/// </summary>
public sealed record ChatView(Guid Me, bool Group, DateTime EditableAfter, long OthersReadUpTo)
{
    /// <summary>Matches the chatapi edit window (Chat:EditWindowMinutes, default 15).</summary>
    public static TimeSpan EditWindow(IConfiguration config) => TimeSpan.FromMinutes(config.GetValue("Chat:EditWindowMinutes", 15));
}
