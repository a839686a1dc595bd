using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Souk.Web.Common;

public static class OpenApiSetup
{
    public static IServiceCollection AddSoukOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath is { } p && (p.StartsWith("api/", StringComparison.Ordinal) || p.StartsWith("users/", StringComparison.Ordinal));
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "Souk API",
                    Version = "v1",
                    Description = "The REST API of Souk, an open-source social commerce platform. Sign in with POST /api/v1/auth/login and send the access token as 'Authorization: Bearer <token>'. Errors are RFC 9457 Problem Details.",
                };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Access token from /api/v1/auth/login or /api/v1/auth/refresh.",
                };
                return Task.CompletedTask;
            });
            // Routes under the Idempotency-Key filter document their required header.
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotencyKeyMetadata>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = Idempotency.Header,
                        In = ParameterLocation.Header,
                        Required = true,
                        Description = "A unique value (e.g. a UUID) per intended operation: a repeat with the same key returns the first answer and moves nothing again; the same key with a different body is 422.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
                    });
                }
                return Task.CompletedTask;
            });
        });
}
