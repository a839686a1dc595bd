namespace Souk.Web;

/// <summary>Marker for the shared UI strings in Resources/SharedResource.*.resx.</summary>
public sealed class SharedResource;
