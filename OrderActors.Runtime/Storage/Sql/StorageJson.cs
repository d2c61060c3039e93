using System.Text.Json.Serialization;

namespace OrderActors.Runtime.Storage.Sql;

/// <summary>Source-generated JSON for the little JSON the storage layer writes itself (lists passed to SQL).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StorageJson : JsonSerializerContext;
