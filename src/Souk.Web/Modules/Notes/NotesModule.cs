namespace Souk.Web.Modules.Notes;

public static class NotesModule
{
    public static IServiceCollection AddNotesModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<NoteChanges>();
        services.AddSingleton(config.GetSection("Notes:AuthorHeads").Get<AuthorNoteHeadsOptions>() ?? new AuthorNoteHeadsOptions());
        services.AddSingleton<AuthorNoteHeads>();
        services.AddScoped<Notifier>();
        services.AddScoped<NoteService>();
        services.AddScoped<NoteReader>();
        services.AddScoped<Pages.NoteForm>();
        services.AddScoped<NoteLikes>();
        services.AddScoped<NoteSaves>();
        services.AddScoped<CollectionReader>();
        services.AddScoped<NoteComments>();
        services.AddScoped<CommentLikes>();
        services.AddScoped<CommentReader>();
        services.AddScoped<NotificationInbox>();
        return services;
    }

    public static void MapNotesModule(this WebApplication app, RouteGroupBuilder api)
    {
        var notes = api.MapGroup("/notes").WithTags("Notes");
        CreateNote.Map(notes);
        GetNote.Map(notes);
        UpdateNote.Map(notes);
        DeleteNote.Map(notes);
        UserNotes.Map(api);
        LikeNote.Map(notes);
        SaveNote.Map(notes);
        MyCollections.Map(api);
        var comments = api.MapGroup("/comments").WithTags("Comments");
        CommentOnNote.Map(notes);
        ListComments.Map(notes, comments);
        DeleteComment.Map(comments);
        LikeComment.Map(comments);
        Notifications.Map(api);
    }
}
