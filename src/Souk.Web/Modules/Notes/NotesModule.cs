namespace Souk.Web.Modules.Notes;

public static class NotesModule
{
    public static IServiceCollection AddNotesModule(this IServiceCollection services)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<NoteService>();
        services.AddScoped<NoteReader>();
        services.AddScoped<Pages.NoteForm>();
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
    }
}
