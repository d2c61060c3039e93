using OrderActors.Runtime.Reminders;

namespace OrderActors.Runtime.Storage;

/// <summary>One storage provider: journals, reminders, documents and diagnostics over one database.</summary>
public interface IStorageProvider : IGrainStorage, IReminderTable, IDocumentStore, IStorageDiagnostics, IAsyncDisposable;
