using OrderActors.Api;
using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Hosting;
using OrderActors.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOrderActorsRuntime(builder.Configuration, typeof(IOrderGrain).Assembly);
builder.Services.AddOrderActorsGrains(builder.Configuration);
builder.Services.AddOrderActorsApi();

var app = builder.Build();
app.MapOrderActorsApi();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>The silo host; public so <c>WebApplicationFactory&lt;Program&gt;</c> can start it in tests.</summary>
public partial class Program;
