Console.Error.WriteLine("OrderActors.Bench: no scenarios yet.");
return 2;
