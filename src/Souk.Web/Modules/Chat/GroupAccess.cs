using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Chat;

/// <summary>The checks every group change starts with: the caller is in it (else the same 403 as for any stranger), it is a group, and, when asked, the caller owns it.</summary>
static class GroupAccess
{
    /// <summary>The group with all its member rows (tracked, for changing), or the refusal to answer with.</summary>
    public static async Task<(Conversation? Group, ProblemHttpResult? Refusal)> LoadAsync(SoukDb db, long id, Guid caller, bool ownerOnly, CancellationToken ct)
    {
        var group = await db.Conversations.Include(c => c.Members).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (group is null || !group.Members.Any(m => m.UserId == caller && m.LeftAt == null)) return (null, ChatResults.NotMember(id));
        if (group.Kind != ConversationKind.Group) return (null, Problems.Conflict("A one-to-one conversation has no members or title to change; start a group instead."));
        if (ownerOnly && group.OwnerId != caller) return (null, Problems.Forbidden("Only the group's owner can do this."));
        return (group, null);
    }
}
