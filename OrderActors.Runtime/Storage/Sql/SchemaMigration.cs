namespace OrderActors.Runtime.Storage.Sql;

/// <summary>One step of a provider's schema: applied once, in version order, in its own transaction.</summary>
/// <param name="Version">1, 2, 3, ... with no gaps; recorded in <c>schema_version</c> when applied.</param>
/// <param name="Description">What the step adds, for the log and the <c>schema_version</c> row.</param>
/// <param name="Sql">The statements (the provider may split them).</param>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
