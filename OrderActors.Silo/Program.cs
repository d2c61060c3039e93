using OrderActors.Api;
using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Hosting;
using OrderActors.Silo;

// Configuration comes from the app's own folder, not the working directory: the SQLite database lives under the working
// directory by default, and the configuration watcher on the content root then woke up for every database write.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddOrderActorsRuntime(builder.Configuration, typeof(IOrderGrain).Assembly);
builder.Services.AddOrderActorsGrains(builder.Configuration);
builder.Services.AddOrderActorsApi();

var app = builder.Build();
app.MapOrderActorsApi();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>The silo host; public so <c>WebApplicationFactory&lt;Program&gt;</c> can start it in tests.</summary>
public partial class Program;
